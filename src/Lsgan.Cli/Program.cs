using System.CommandLine;
using Lsgan.Cli;
using Lsgan.Cli.Output;

// Every failure a user can cause ends as one line on stderr and exit 1 (2 for usage): see Output/Failure.cs.
try
{
    // Every command runs libtorch loops that free and reallocate the same large buffers.
    Lsgan.Runtime.NativeAllocator.KeepFreedMemory();
    var root = LsganCommandLine.Create();
    var parsed = root.Parse(args);
    if (parsed.Errors.Count > 0)
    {
        Failure.WriteLine(UsageError.Describe(root, parsed));
        return Failure.Usage;
    }
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
}
catch (Exception e) when (Environment.GetEnvironmentVariable("LSGAN_DEBUG") is null || Failure.Describe(e) is not null)
{
    return Failure.Report(e);
}
