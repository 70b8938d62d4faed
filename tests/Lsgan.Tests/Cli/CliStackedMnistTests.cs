using System.Text.Json;
using Lsgan.Data;
using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Cli;

/// <summary>A tiny stacked-mnist run trained and evaluated through the CLI, on the real MNIST of the test cache.</summary>
public sealed class CliStackedMnistTests : IDisposable
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(10);

    private readonly TempDirectory dir = new();

    public CliStackedMnistTests() => RealDatasets.Fetcher().Fetch(DatasetCatalog.Mnist);

    [Fact]
    public void Given_a_two_step_stacked_mnist_run_when_evaluated_then_evaluation_json_holds_its_modes_and_kl_beside_the_real_floor()
    {
        string run = dir.Combine("run");
        // Stacking all 60,000 training images dominates; minutes on a loaded machine, so a longer limit than the default.
        var trained = Run(RealDatasets.CacheRoot, Slow, "train", "--dataset", "stacked-mnist", "--model", "dcgan", "--out", run,
            "--batch-size", "8", "--threads", "1", "--latent-dim", "8", "--max-steps", "2");
        Assert.True(trained.ExitCode == 0, trained.Stderr);
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))))
            Assert.Equal(3, config.RootElement.GetProperty("model").GetProperty("channels").GetInt32());

        var evaluated = Run(RealDatasets.CacheRoot, Slow, "evaluate", "--run", run, "--count", "100", "--threads", "1");

        Assert.True(evaluated.ExitCode == 0, evaluated.Stderr);
        Assert.Contains("modes covered", evaluated.Stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "evaluation.json")));
        var root = json.RootElement;
        Assert.Equal("stacked-mnist", root.GetProperty("dataset").GetString());
        Assert.Equal(1000, root.GetProperty("stacked_mode_count").GetInt32());
        Assert.Equal(100, root.GetProperty("generated_count").GetInt32());
        Assert.InRange(root.GetProperty("stacked_modes_covered").GetInt32(), 1, 100);
        // 100 samples spread over at most 100 modes: KL ≥ ln 1000 − ln 100 = ln 10, and at most ln 1000 (one mode).
        Assert.InRange(root.GetProperty("stacked_kl").GetDouble(), Math.Log(10) - 1e-9, Math.Log(1000) + 1e-9);
        Assert.False(root.TryGetProperty("fid", out _));
        var floor = root.GetProperty("real_floor");
        // 100 uniform draws of 1,000 modes repeat a few (about 95 distinct).
        Assert.InRange(floor.GetProperty("report").GetProperty("modes_covered").GetInt32(), 85, 100);
        Assert.All(floor.GetProperty("channel_accuracy").EnumerateArray(), a => Assert.InRange(a.GetDouble(), 0.9, 1.0));
    }

    [Theory]
    [InlineData("--channels|1", "--channels 1 contradicts the stacked-mnist dataset, whose images have 3 channels")]
    [InlineData("--eval-every|1", "score a stacked-mnist run with 'lsgan evaluate'")]
    public void Given_a_stacked_mnist_train_with_an_option_that_does_not_fit_then_it_is_refused_in_one_line_and_writes_nothing(string extra, string expected)
    {
        string run = dir.Combine("refused");

        string error = AssertCleanError(Run(RealDatasets.CacheRoot, ["train", "--dataset", "stacked-mnist", "--out", run, "--max-steps", "1", .. extra.Split('|')]));

        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(run));
    }

    public void Dispose() => dir.Dispose();
}
