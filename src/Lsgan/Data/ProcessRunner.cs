using System.ComponentModel;
using System.Diagnostics;

namespace Lsgan.Data;

/// <summary>Runs a package client (apt-get, dpkg-deb, npm) and turns its failures into exceptions.</summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="program"/> and throws unless it exits with code 0 in time. Each non-empty line it
    /// prints on standard output goes to <paramref name="onOutputLine"/> as it arrives, so a long download shows
    /// progress instead of silence.
    /// </summary>
    public static void Run(string program, IReadOnlyList<string> arguments, string workingDirectory,
        TimeSpan timeout, CancellationToken cancellation, Action<string>? onOutputLine = null)
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
        // Package clients print their messages in English then, so the last line quoted in an error is readable
        // by whoever reads the issue tracker.
        info.Environment["LC_ALL"] = "C";

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
            var output = ReadLinesAsync(process.StandardOutput, onOutputLine, cancellation);
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

    private static async Task<string> ReadLinesAsync(StreamReader reader, Action<string>? onLine,
        CancellationToken cancellation)
    {
        var all = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync(cancellation) is { } line)
        {
            all.AppendLine(line);
            if (onLine is not null && line.Trim().Length > 0)
                onLine(line.Trim());
        }
        return all.ToString();
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
