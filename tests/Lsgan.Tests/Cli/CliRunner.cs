using System.Diagnostics;

namespace Lsgan.Tests.Cli;

/// <summary>Runs the real lsgan executable (built beside the tests) as a user would, capturing its output.</summary>
public static class CliRunner
{
    /// <summary>What a run printed and returned; <see cref="Elapsed"/> is the wall time, and a killed run exits −1.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed);

    public static Result Run(string dataDir, params string[] args) => Run(dataDir, TimeSpan.FromMinutes(3), args);

    /// <summary>Runs lsgan and kills it after <paramref name="timeout"/> (then the exit code is −1).</summary>
    public static Result Run(string dataDir, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        start.ArgumentList.Add(LsganDll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return Start(start, dataDir, timeout);
    }

    /// <summary>A running lsgan process, for tests that act on it while it works; its output is read as it comes.</summary>
    public sealed record Background(Process Process, Task<string> Stdout, Task<string> Stderr) : IDisposable
    {
        public void Dispose() => Process.Dispose();
    }

    /// <summary>Starts lsgan (data dir and working directory <paramref name="dataDir"/>, as <see cref="Run(string, string[])"/>) without waiting for it.</summary>
    public static Background StartInBackground(string dataDir, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataDir };
        start.ArgumentList.Add(LsganDll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        SetEnvironment(start, dataDir);
        var process = Process.Start(start)!;
        return new Background(process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    }

    /// <summary>Runs lsgan with its stderr closed (as `2>&-` does), through sh.</summary>
    public static Result RunWithoutStderr(string dataDir, params string[] args)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataDir };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$@\" 2>&-");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(LsganDll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return Start(start, dataDir, TimeSpan.FromMinutes(1));
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

    /// <summary>Asserts that <paramref name="folder"/> holds <paramref name="count"/> colour (not grey) PNGs of <paramref name="size"/>².</summary>
    public static void AssertColourPngs(string folder, int count, int size)
    {
        var files = Directory.GetFiles(folder, "*.png");
        Assert.Equal(count, files.Length);
        using var codec = SkiaSharp.SKCodec.Create(files[0]);
        Assert.Equal((size, size), (codec.Info.Width, codec.Info.Height));
        Assert.NotEqual(SkiaSharp.SKColorType.Gray8, codec.Info.ColorType);
    }

    private static string LsganDll => Path.Combine(AppContext.BaseDirectory, "Lsgan.Cli.dll");

    // Tests must never fetch datasets: an empty cache and no package clients reachable through it.
    private static void SetEnvironment(ProcessStartInfo start, string dataDir)
    {
        start.Environment["LSGAN_DATA_DIR"] = dataDir;
        start.Environment.Remove("LSGAN_DEBUG");
    }

    private static Result Start(ProcessStartInfo start, string dataDir, TimeSpan timeout)
    {
        SetEnvironment(start, dataDir);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        bool exited = process.WaitForExit(timeout);
        if (!exited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return new Result(exited ? process.ExitCode : -1, stdout.Result, stderr.Result, clock.Elapsed);
    }
}
