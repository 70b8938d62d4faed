using System.Diagnostics;

namespace Lsgan.Tests.Cli;

/// <summary>Runs the real lsgan executable (built beside the tests) as a user would, capturing its output.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(string dataDir, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Lsgan.Cli.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        // Tests must never fetch datasets: an empty cache and no package clients reachable through it.
        start.Environment["LSGAN_DATA_DIR"] = dataDir;
        start.Environment.Remove("LSGAN_DEBUG");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill(entireProcessTree: true);
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Asserts the failure a user should see: non-zero exit, one line on stderr, no stack trace.</summary>
    public static string AssertCleanError(Result result)
    {
        Assert.NotEqual(0, result.ExitCode);
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{result.Stderr}");
        Assert.StartsWith("lsgan: ", lines[0]);
        Assert.DoesNotContain("   at ", result.Stderr);
        return lines[0];
    }
}
