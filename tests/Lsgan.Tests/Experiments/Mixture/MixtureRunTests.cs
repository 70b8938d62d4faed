using System.Text.Json;
using Lsgan.Experiments.Mixture;
using Lsgan.IO;
using Lsgan.Losses;
using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Experiments.Mixture;

/// <summary>Short mixture runs: their files, their repeatability, and the command line.</summary>
public sealed class MixtureRunTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static MixtureConfig Short(string loss, long seed = 3) =>
        new(MixtureLayout.Ring8, loss == "ls" ? new LossConfig() : new LossConfig(loss), Steps: 60, EvalEvery: 25,
            EvalPoints: 300, Seed: seed, Hidden: 16, BatchSize: 64);

    [Fact]
    public void Given_a_short_run_when_it_ends_then_each_evaluation_and_the_last_step_have_a_log_line_and_a_picture()
    {
        string dir = temp.Combine("run");

        var records = MixtureRun.Run(Short("ls"), dir);

        Assert.Equal([25, 50, 60], records.Select(r => r.Step));
        var lines = File.ReadAllLines(Path.Combine(dir, MixtureRun.LogFile));
        Assert.Equal(records.Select(r => r.Step), lines.Select(l => JsonSerializer.Deserialize<MixtureRecord>(l, Json.Compact)!.Step));
        Assert.Contains("\"modes_covered\":", lines[0]);
        Assert.Contains("\"high_quality_fraction\":", lines[0]);
        Assert.All(records, r => Assert.True(File.Exists(MixtureRun.PicturePath(dir, r.Step))));
        Assert.True(File.Exists(Path.Combine(dir, MixtureRun.ConfigFile)));
    }

    [Fact]
    public void Given_the_same_seed_on_one_thread_when_run_twice_then_the_evaluations_are_identical()
    {
        TorchSharp.torch.set_num_threads(1);

        var first = MixtureRun.Run(Short("bce"), temp.Combine("a"));
        var second = MixtureRun.Run(Short("bce"), temp.Combine("b"));
        var other = MixtureRun.Run(Short("bce", seed: 4), temp.Combine("c"));

        Assert.Equal(first.Select(r => r with { Seconds = 0 }), second.Select(r => r with { Seconds = 0 }));
        Assert.NotEqual(first[^1].DLoss, other[^1].DLoss);
    }

    [Fact]
    public void Given_a_directory_with_files_when_run_into_it_then_it_is_refused_and_left_alone()
    {
        string dir = temp.Combine("taken");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");

        var error = Assert.Throws<LsganException>(() => MixtureRun.Run(Short("ls"), dir));

        Assert.Contains("not empty", error.Message);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Given_two_losses_and_two_seeds_on_the_command_line_then_each_run_has_its_folder_and_the_summary_counts_them()
    {
        string output = temp.Combine("study");

        var result = Run(temp.Path, "mixture", "--loss", "ls,bce", "--seeds", "2", "--jobs", "2", "--steps", "20",
            "--eval-every", "10", "--points", "100", "--out", output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        foreach (string run in new[] { "ls-seed0", "ls-seed1", "bce-seed0", "bce-seed1" })
            Assert.True(File.Exists(Path.Combine(output, run, MixtureRun.LogFile)), run);
        var summaries = Json.ReadFile<List<MixtureSummary>>(Path.Combine(output, "summary.json"), "summary");
        Assert.Equal(["ls(0,1,1)", "bce"], summaries.Select(s => s.Loss));
        Assert.All(summaries, s => Assert.Equal((2, 8), (s.Runs, s.ModeCount)));
        // Per seed, the figure: a row per loss, a column per evaluation (10, 20) and the real points.
        foreach (int seed in new[] { 0, 1 })
        {
            using var figure = SkiaSharp.SKBitmap.Decode(Path.Combine(output, $"figure-seed{seed}.png"));
            Assert.Equal((3 * 320, 2 * 320), (figure.Width, figure.Height));
        }
        // Two at a time, each run the same as on its own: bce seed 1 again, alone.
        TorchSharp.torch.set_num_threads(1);
        var alone = MixtureRun.Run(new MixtureConfig(MixtureLayout.Ring8, new LossConfig("bce"), Steps: 20, EvalEvery: 10,
            EvalPoints: 100, Seed: 1), temp.Combine("alone"));
        Assert.Equal(alone.Select(r => r with { Seconds = 0 }), MixtureRun.ReadLog(Path.Combine(output, "bce-seed1")).Select(r => r with { Seconds = 0 }));
    }

    [Fact]
    public void Given_two_runs_off_a_terminal_when_mixture_runs_then_stderr_has_each_run_start_and_evaluation_lines_and_stdout_the_summaries()
    {
        string output = temp.Combine("lines");

        var result = Run(temp.Path, "mixture", "--loss", "ls,bce", "--steps", "20", "--eval-every", "10", "--points", "100", "--out", output);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // One job: ls's start and its two evaluations, then bce's; no bar, no escape codes.
        Assert.Equal(6, lines.Length);
        Assert.Equal($"ls(0,1,1) seed 0 → {Path.Combine(output, "ls-seed0")}", lines[0]);
        Assert.StartsWith("  ls(0,1,1) seed 0 step 10: ", lines[1]);
        Assert.StartsWith("  ls(0,1,1) seed 0 step 20: ", lines[2]);
        Assert.Equal($"bce seed 0 → {Path.Combine(output, "bce-seed0")}", lines[3]);
        Assert.StartsWith("  bce seed 0 step 20: ", lines[5]);
        Assert.False((result.Stderr + result.Stdout).Contains((char)27), "an escape code in plain output");
        var summaries = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, summaries.Length);
        Assert.StartsWith("ls(0,1,1): 1 runs, modes covered", summaries[0]);
        Assert.StartsWith("bce: 1 runs, modes covered", summaries[1]);
    }

    private static string[] SetArguments(string output, string steps = "20") =>
        ["mixture", "--loss", "ls,bce", "--seeds", "2", "--steps", steps, "--eval-every", "10", "--points", "100", "--out", output];

    private static IEnumerable<MixtureRecord> WithoutTimes(IEnumerable<MixtureRecord> records) => records.Select(r => r with { Seconds = 0 });

    [Fact]
    public void Given_a_set_cut_off_when_run_again_then_finished_runs_are_kept_and_the_cut_off_one_trains_again_to_the_same_numbers()
    {
        // Given a finished set of 4 runs, then bce seed 1 cut back to its first evaluation, its figure and the summary gone
        string output = temp.Combine("set");
        var first = Run(temp.Path, SetArguments(output));
        Assert.True(first.ExitCode == 0, first.Stderr);
        string cut = Path.Combine(output, "bce-seed1"), cutLog = Path.Combine(cut, MixtureRun.LogFile);
        var complete = MixtureRun.ReadLog(cut);
        string firstLine = File.ReadLines(cutLog).First() + "\n";
        File.WriteAllText(cutLog, firstLine);
        File.Delete(Path.Combine(output, Lsgan.Cli.Commands.MixtureCommand.SummaryFile));
        File.Delete(Path.Combine(output, "figure-seed1.png"));
        string keptLog = Path.Combine(output, "ls-seed0", MixtureRun.LogFile);
        var keptWritten = File.GetLastWriteTimeUtc(keptLog);

        // When the same command runs again
        var second = Run(temp.Path, SetArguments(output));

        // Then the finished runs are read back, not trained (their log untouched), the cut-off run is set aside whole
        // and trained again to the same evaluations, and the summary and the figure are back
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("3 of 4 runs", second.Stderr);
        Assert.Equal(keptWritten, File.GetLastWriteTimeUtc(keptLog));
        Assert.Equal(firstLine, File.ReadAllText(Path.Combine(cut + ".unfinished", MixtureRun.LogFile)));
        Assert.Equal(WithoutTimes(complete), WithoutTimes(MixtureRun.ReadLog(cut)));
        var summaries = Json.ReadFile<List<MixtureSummary>>(Path.Combine(output, Lsgan.Cli.Commands.MixtureCommand.SummaryFile), "summary");
        Assert.All(summaries, s => Assert.Equal(2, s.Runs));
        Assert.True(File.Exists(Path.Combine(output, "figure-seed1.png")));
    }

    [Fact]
    public void Given_a_set_of_other_settings_or_losses_in_the_folder_when_run_then_it_is_refused_and_nothing_changes()
    {
        string output = temp.Combine("set");
        Assert.Equal(0, Run(temp.Path, SetArguments(output)).ExitCode);
        var before = Directory.GetFiles(output, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

        var result = Run(temp.Path, SetArguments(output, steps: "30"));
        string[] lsOnly = ["mixture", "--loss", "ls", "--seeds", "2", "--steps", "20", "--eval-every", "10", "--points", "100", "--out", output];
        var fewerLosses = Run(temp.Path, lsOnly);

        Assert.Contains("other settings", AssertCleanError(result));
        Assert.Contains("bce-seed0, which is not part of this mixture set", AssertCleanError(fewerLosses));
        var after = Directory.GetFiles(output, "*", SearchOption.AllDirectories);
        Assert.Equal(before.Keys.Order(), after.Order());
        Assert.All(after, f => Assert.Equal(before[f], File.ReadAllBytes(f)));
    }

    [Fact]
    public void Given_a_folder_of_other_files_when_a_set_runs_into_it_then_it_is_refused_and_left_alone()
    {
        string output = temp.Combine("notes");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");

        var result = Run(temp.Path, SetArguments(output));

        Assert.Contains("not part of this mixture set", AssertCleanError(result));
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "notes.txt")));
    }

    [Theory]
    [InlineData("--loss", "hinge")]
    [InlineData("--layout", "spiral")]
    [InlineData("--steps", "0")]
    [InlineData("--seeds", "0")]
    [InlineData("--labels", "xyz")]
    [InlineData("--jobs", "0")]
    [InlineData("--update", "sideways")]
    public void Given_a_bad_option_when_run_then_one_line_names_it_and_nothing_is_written(string option, string value)
    {
        string output = temp.Combine("bad");

        var result = Run(temp.Path, "mixture", option, value, "--out", output);

        string line = AssertCleanError(result);
        Assert.Contains(value, line);
        Assert.False(Directory.Exists(output));
    }
}
