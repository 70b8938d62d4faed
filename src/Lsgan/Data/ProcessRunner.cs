using System.ComponentModel;
using System.Diagnostics;

namespace Lsgan.Data;

/// <summary>Runs a package client (apt-get, dpkg-deb, npm) and turns its failures into exceptions.</summary>
internal static class ProcessRunner
{
    /// <summary>Runs <paramref name="program"/> and throws unless it exits with code 0 in time.</summary>
    public static void Run(string program, IReadOnlyList<string> arguments, string workingDirectory,
        TimeSpan timeout, CancellationToken cancellation)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            info.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        }
        catch (Win32Exception)
        {
            throw new InvalidOperationException($"{program} is not installed");
        }

        using (process)
        {
            // Both pipes are drained concurrently, or a chatty client could fill one and block forever.
            var output = process.StandardOutput.ReadToEndAsync(cancellation);
            var error = process.StandardError.ReadToEndAsync(cancellation);
            var deadline = Stopwatch.StartNew();
            while (!process.WaitForExit(TimeSpan.FromMilliseconds(200)))
            {
                if (cancellation.IsCancellationRequested || deadline.Elapsed > timeout)
                {
                    process.Kill(entireProcessTree: true);
                    cancellation.ThrowIfCancellationRequested();
                    throw new TimeoutException($"{program} took longer than {timeout.TotalMinutes:0} minutes");
                }
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                string detail = LastLine(error.Result) ?? LastLine(output.Result) ?? "no output";
                throw new InvalidOperationException($"{program} exited with code {process.ExitCode}: {detail}");
            }
        }
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
