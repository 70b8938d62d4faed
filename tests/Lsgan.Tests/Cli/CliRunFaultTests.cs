using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Cli;

/// <summary>Hostile input against a real trained run: refused with one line, quickly, and the run left as it was.</summary>
public sealed class CliRunFaultTests(TrainedRunFixture fixture) : IClassFixture<TrainedRunFixture>, IDisposable
{
    private readonly TempDirectory dir = new();

    [Fact]
    public void Given_a_run_path_with_a_space_and_a_quote_when_training_stops_early_then_the_resume_hint_is_shell_quoted()
    {
        Assert.True(fixture.Training.ExitCode == 0, fixture.Training.Stderr);

        string quoted = "'" + fixture.Run.Replace("'", "'\\''") + "'";
        Assert.Contains($"continue with: ./lsgan train --resume {quoted}", fixture.Training.Stderr);
    }

    [Fact]
    public void Given_samples_replaced_by_a_file_when_the_run_is_resumed_then_it_is_refused_naming_samples_and_nothing_changes()
    {
        string run = fixture.CopyRun(dir);
        Directory.Delete(Path.Combine(run, "samples"), recursive: true);
        File.WriteAllText(Path.Combine(run, "samples"), "not a folder");

        string line = AssertRefusedKeepingRun(run, 1, "train", "--resume", run, "--max-steps", "4");

        Assert.Contains($"{run}/samples is a file, not a folder", line);
    }

    [Fact]
    public void Given_metrics_jsonl_replaced_by_a_folder_when_the_run_is_resumed_then_it_is_refused_naming_the_file()
    {
        string run = fixture.CopyRun(dir);
        File.Delete(Path.Combine(run, "metrics.jsonl"));
        Directory.CreateDirectory(Path.Combine(run, "metrics.jsonl"));

        string line = AssertRefusedKeepingRun(run, 1, "train", "--resume", run, "--max-steps", "4");

        Assert.Contains($"{run}/metrics.jsonl is a folder, not a regular file", line);
    }

    [Fact]
    public void Given_a_run_saved_on_a_cuda_device_when_resumed_on_this_cpu_build_then_it_says_how_to_go_on()
    {
        string run = fixture.CopyRun(dir);
        string runtime = Path.Combine(run, "runtime.json");
        File.WriteAllText(runtime, File.ReadAllText(runtime).Replace("\"device\": \"cpu\"", "\"device\": \"cuda:0\""));

        string line = AssertRefusedKeepingRun(run, 1, "train", "--resume", run, "--max-steps", "4");

        Assert.Contains("was trained on device 'cuda:0', but this build of lsgan has no CUDA support", line);
    }

    [Fact]
    public void Given_a_jpg_output_when_generating_then_it_is_refused_and_no_file_is_written()
    {
        string line = AssertRefusedKeepingRun(fixture.Run, 2, "generate", "--run", fixture.Run, "--out", dir.Combine("grid.jpg"));

        Assert.Contains("must end in .png", line);
        Assert.False(File.Exists(dir.Combine("grid.jpg")));
    }

    [Fact]
    public void Given_more_columns_than_images_when_generating_then_it_is_refused()
    {
        string line = AssertRefusedKeepingRun(fixture.Run, 1, "generate", "--run", fixture.Run, "--count", "5", "--columns", "9");

        Assert.Contains("--columns 9 is more than --count 5", line);
    }

    [Fact]
    public void Given_an_output_path_that_is_a_folder_when_generating_then_it_is_refused_before_sampling()
    {
        Directory.CreateDirectory(dir.Combine("grid.png"));

        string line = AssertRefusedKeepingRun(fixture.Run, 1, "generate", "--run", fixture.Run, "--out", dir.Combine("grid.png"));

        Assert.Contains($"--out {dir.Combine("grid.png")} is a folder, not a regular file", line);
    }

    [Fact]
    public void Given_singles_naming_a_file_when_generating_then_the_file_is_kept()
    {
        string file = dir.Combine("mine.txt");
        File.WriteAllText(file, "mine");

        string line = AssertRefusedKeepingRun(fixture.Run, 1, "generate", "--run", fixture.Run, "--singles", file, "--out", dir.Combine("g.png"));

        Assert.Contains($"--singles {file} is a file, not a folder", line);
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void Given_a_file_inside_the_run_as_run_when_generating_then_it_says_it_is_a_file()
    {
        string config = Path.Combine(fixture.Run, "config.json");

        string line = AssertRefusedKeepingRun(fixture.Run, 1, "generate", "--run", config);

        Assert.Contains($"--run {config} is a file, not a run directory or checkpoint", line);
    }

    [Fact]
    public void Given_a_count_of_one_when_evaluating_then_it_is_refused_before_any_work()
    {
        string line = AssertRefusedKeepingRun(fixture.Run, 2, "evaluate", "--run", fixture.Run, "--count", "1");

        Assert.Contains("--count must be between 100 and 100,000", line);
    }

    [Fact]
    public void Given_an_existing_run_as_out_when_training_anew_then_it_is_refused_and_the_run_is_kept()
    {
        string line = AssertRefusedKeepingRun(fixture.Run, 1, fixture.TrainArgs(fixture.Run));

        Assert.Contains("already holds files", line);
    }

    [Fact]
    public void Given_a_fixed_option_with_resume_when_training_then_it_is_refused_and_the_run_is_kept()
    {
        string line = AssertRefusedKeepingRun(fixture.Run, 1, "train", "--resume", fixture.Run, "--latent-dim", "16");

        Assert.Contains("--latent-dim cannot change a resumed run", line);
    }

    [Theory]
    [InlineData(2, "generate", "--count", "0")]
    [InlineData(2, "frobnicate")]
    [InlineData(1, "generate", "--count", "5", "--columns", "9")]
    public void Given_stderr_closed_when_input_is_refused_then_the_exit_code_is_still_1_or_2(int exitCode, params string[] args)
    {
        string[] full = args[0] == "generate" ? [.. args, "--run", fixture.Run] : args;

        var result = RunWithoutStderr(dir.Path, full);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.True(result.Elapsed < HostileInput.Bound, $"took {result.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Given_training_that_diverges_at_once_when_no_checkpoint_exists_then_the_message_says_so()
    {
        string run = dir.Combine("diverging");

        var result = Run(dir.Path, [.. fixture.TrainArgs(run), "--lr", "1e30", "--log-every", "1", "--max-steps", "20"]);

        Assert.Equal(1, result.ExitCode);
        string last = result.Stderr.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("lsgan: Training diverged", last);
        Assert.EndsWith("no checkpoint was written yet.", last);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.False(Directory.Exists(Path.Combine(run, "checkpoints", "latest")));
    }

    public void Dispose() => dir.Dispose();

    /// <summary>Runs a command that must be refused and checks the run's bytes did not change.</summary>
    private string AssertRefusedKeepingRun(string run, int exitCode, params string[] args)
    {
        string before = HostileInput.Snapshot(run);

        var result = Run(dir.Path, HostileInput.Bound * 2, args);

        Assert.True(result.Elapsed < HostileInput.Bound, $"took {result.Elapsed.TotalSeconds:F1} s");
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, expected {exitCode}; stderr: {result.Stderr}");
        string line = AssertCleanError(result);
        Assert.DoesNotContain("unexpected", line);
        Assert.Equal(before, HostileInput.Snapshot(run));
        return line;
    }
}
