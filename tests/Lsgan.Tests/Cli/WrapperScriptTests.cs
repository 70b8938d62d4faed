using System.Diagnostics;

namespace Lsgan.Tests.Cli;

/// <summary>
/// The ./lsgan wrapper's decision to build, run in a copy of the layout it expects with a stand-in for dotnet that
/// only records its calls: it builds when the CLI is missing or a real source is newer, and never because of the
/// generated files that a test build writes into obj/.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // a bash script, as the README's commands are
public sealed class WrapperScriptTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string calls;

    public WrapperScriptTests()
    {
        string script = Path.Combine(RepositoryRoot(), "lsgan");
        File.Copy(script, temp.File("lsgan"));
        File.WriteAllText(temp.File("src", "Lsgan", "Trainer.cs"), "// a source");
        calls = temp.Combine("dotnet-calls.txt");
        // The stand-in 'dotnet' writes the dll on build, as the real one would the first time.
        File.WriteAllText(temp.File("fake-bin", "dotnet"), $"""
            #!/usr/bin/env bash
            echo "$1" >> '{calls}'
            if [[ "$1" == build ]]; then
              mkdir -p '{OutputDir}'
              [[ -f '{OutputDir}/Lsgan.Cli.dll' ]] || touch '{OutputDir}/Lsgan.Cli.dll'
            fi
            """);
        File.SetUnixFileMode(temp.Combine("fake-bin", "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
    }

    public void Dispose() => temp.Dispose();

    private string OutputDir => temp.Combine("src", "Lsgan.Cli", "bin", "Release", "net10.0", "linux-x64");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lsgan.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("the repository root was not found");
    }

    /// <summary>Runs the copied wrapper; returns the dotnet sub-commands it called, e.g. ["build", "…dll"].</summary>
    private string[] RunWrapper()
    {
        File.Delete(calls);
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(temp.Combine("lsgan"));
        start.ArgumentList.Add("--version");
        start.Environment["PATH"] = temp.Combine("fake-bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        return File.Exists(calls) ? File.ReadAllLines(calls) : [];
    }

    private static void MakeNewer(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "// changed");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public void Given_no_build_yet_When_run_twice_Then_only_the_first_call_builds()
    {
        Assert.Equal(["build", Path.Combine(OutputDir, "Lsgan.Cli.dll")], RunWrapper());
        Assert.Equal([Path.Combine(OutputDir, "Lsgan.Cli.dll")], RunWrapper());
    }

    [Fact]
    public void Given_a_built_cli_When_a_test_build_writes_generated_sources_into_obj_Then_nothing_is_rebuilt()
    {
        RunWrapper();
        MakeNewer(temp.Combine("src", "Lsgan", "obj", "Debug", "net10.0", "Lsgan.AssemblyInfo.cs"));
        MakeNewer(temp.Combine("src", "Lsgan", "bin", "Debug", "Generated.cs"));

        Assert.DoesNotContain("build", RunWrapper());
    }

    [Fact]
    public void Given_a_built_cli_When_a_source_changes_Then_it_is_rebuilt_once_even_if_the_dll_is_left_alone()
    {
        RunWrapper();
        // The last build an hour ago; an incremental build that finds nothing new keeps the dll's old time, so the
        // wrapper must not take the dll's time for the last check.
        foreach (string built in Directory.GetFiles(OutputDir, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(built, DateTime.UtcNow.AddHours(-1));
        File.WriteAllText(temp.Combine("src", "Lsgan", "Trainer.cs"), "// edited");

        Assert.Contains("build", RunWrapper());
        Assert.DoesNotContain("build", RunWrapper());
    }
}
