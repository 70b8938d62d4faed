using System.CommandLine;
using Lsgan;
using Lsgan.Cli.Commands;

// Every failure a user can cause ends here as one line on stderr and a non-zero exit code.
var root = new RootCommand("lsgan: train, sample and evaluate Least Squares GANs (Mao et al. 2017) and regular GANs.")
{
    TrainCommand.Create(),
    GenerateCommand.Create(),
    EvaluateCommand.Create(),
    FidCommand.Create(),
    TrainClassifierCommand.Create(),
    MixtureCommand.Create(),
};

// Every command runs libtorch loops that free and reallocate the same large buffers.
Lsgan.Runtime.NativeAllocator.KeepFreedMemory();
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    string command = parsed.CommandResult.Command == root ? "lsgan" : $"lsgan {parsed.CommandResult.Command.Name}";
    Console.Error.WriteLine($"lsgan: {parsed.Errors[0].Message} (see '{command} --help')");
    return 2;
}

try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
}
catch (LsganException e)
{
    Console.Error.WriteLine($"lsgan: {e.Message}");
    return 1;
}
catch (Exception e) when (Environment.GetEnvironmentVariable("LSGAN_DEBUG") is null)
{
    Console.Error.WriteLine($"lsgan: unexpected {e.GetType().Name}: {e.Message.Split('\n')[0]} (set LSGAN_DEBUG=1 for the stack trace)");
    return 70;
}
