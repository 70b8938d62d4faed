using Lsgan.Models;
using Lsgan.Reporting;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

public class TrainingSessionTests
{
    // One thread: results are bitwise repeatable only at a fixed libtorch thread count.
    public TrainingSessionTests() => set_num_threads(1);

    private static TrainConfig SmallConfig(string model = "dcgan") => new()
    {
        Dataset = "synthetic",
        Model = new ModelConfig(model, LatentDim: 16),
        BatchSize = 32,
        Epochs = 1,
        LogEvery = 5,
        Seed = 3,
    };

    [Fact]
    public void A_20_step_run_on_synthetic_squares_moves_D_loss_and_writes_the_run_files()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(640);
        var config = SmallConfig();
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);

        var outcome = new TrainingSession(config, run) { CheckpointWritten = LossPlot.Save }.Run(images);

        Assert.Equal(TrainingOutcome.Completed, outcome);
        var records = run.ReadMetrics();
        Assert.Equal(new long[] { 5, 10, 15, 20 }, records.Select(r => r.Step));
        // D starts near the 0.5·(b−D)² + 0.5·(D−a)² of an untrained D and must learn to separate the sets.
        Assert.True(Math.Abs(records[^1].DLoss - records[0].DLoss) > 0.01, $"D loss did not move: {records[0].DLoss} → {records[^1].DLoss}");
        Assert.True(records[^1].DReal > records[^1].DFake, "D does not yet score reals above fakes");
        Assert.True(File.Exists(Path.Combine(run.SamplesDirectory, "epoch-0001.png")));
        Assert.True(File.Exists(Path.Combine(run.SamplesDirectory, "reals.png")));
        Assert.True(File.Exists(run.LossPlotFile));
        Assert.True(File.Exists(Path.Combine(run.LatestCheckpoint, "state.json")));
    }

    [Fact]
    public void Two_epochs_then_a_resume_for_two_more_equal_four_straight_epochs_bitwise()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(160);
        var four = SmallConfig() with { Epochs = 4 };

        using var straight = RunDirectory.CreateNew(dir.Combine("straight"), dir.Path, four);
        new TrainingSession(four, straight).Run(images);

        using var split = RunDirectory.CreateNew(dir.Combine("split"), dir.Path, four with { Epochs = 2 });
        new TrainingSession(four with { Epochs = 2 }, split).Run(images);
        new TrainingSession(four, split).Run(images, split.LatestCheckpoint);

        AssertSameGenerator(straight.LatestCheckpoint, split.LatestCheckpoint, four);
        Assert.Equal(straight.ReadMetrics().Select(r => r.GLoss), split.ReadMetrics().Select(r => r.GLoss));
    }

    [Fact]
    public void A_run_stopped_mid_epoch_by_the_step_limit_resumes_exactly()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(160);
        var config = SmallConfig("mlp") with { Epochs = 2 };

        using var straight = RunDirectory.CreateNew(dir.Combine("straight"), dir.Path, config);
        new TrainingSession(config, straight).Run(images);

        using var split = RunDirectory.CreateNew(dir.Combine("split"), dir.Path, config);
        Assert.Equal(TrainingOutcome.StepLimit, new TrainingSession(config with { MaxSteps = 3 }, split).Run(images));
        Assert.Equal(TrainingOutcome.Completed, new TrainingSession(config, split).Run(images, split.LatestCheckpoint));

        AssertSameGenerator(straight.LatestCheckpoint, split.LatestCheckpoint, config);
    }

    [Fact]
    public void A_cancelled_run_writes_a_checkpoint_it_can_resume_from()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(160);
        var config = SmallConfig();
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var outcome = new TrainingSession(config, run).Run(images, cancel: cancel.Token);

        Assert.Equal(TrainingOutcome.Interrupted, outcome);
        var state = Checkpoint.ReadManifest(Checkpoint.Resolve(run.Path)).State;
        Assert.Equal((0L, 0, 0), (state.Step, state.Epoch, state.StepInEpoch));
    }

    [Fact]
    public void A_run_whose_losses_turn_nan_stops_with_a_message_and_keeps_the_last_good_checkpoint()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(160);
        var config = SmallConfig() with { Epochs = 3, LogEvery = 1 };
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);
        new TrainingSession(config with { Epochs = 1 }, run).Run(images);
        // As a checkpoint from before the data's SHA-256 was recorded: otherwise the changed data is refused first.
        string state = Path.Combine(run.LatestCheckpoint, "state.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(state))!;
        json["state"]!.AsObject().Remove("data_sha256");
        File.WriteAllText(state, json.ToJsonString());
        string before = File.ReadAllText(state);

        // Given the second session's data turns NaN, D(x) and so D's loss turn NaN at its first step.
        using var poisoned = full_like(images, float.NaN);
        var error = Assert.Throws<LsganException>(() => new TrainingSession(config, run).Run(poisoned, run.LatestCheckpoint));

        Assert.Contains("diverged", error.Message);
        Assert.Equal(before, File.ReadAllText(Path.Combine(run.LatestCheckpoint, "state.json")));
    }

    [Fact]
    public void An_exploding_learning_rate_is_caught_as_divergence_before_any_checkpoint_is_written()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(160);
        // Without batch norm nothing rescales the exploding weights.
        var config = SmallConfig() with
        {
            Model = new ModelConfig("dcgan", 16, GeneratorBatchNorm: false, DiscriminatorBatchNorm: false),
            Optimizer = new OptimizerConfig(GeneratorLr: 1e30, DiscriminatorLr: 1e30),
            LogEvery = 1,
        };
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);

        var error = Assert.Throws<LsganException>(() => new TrainingSession(config, run).Run(images));

        Assert.Contains("diverged", error.Message);
        Assert.False(Directory.Exists(run.LatestCheckpoint));
    }

    private static void AssertSameGenerator(string first, string second, TrainConfig config)
    {
        using var a = ModelFactory.Create(config.Model, 99);
        using var b = ModelFactory.Create(config.Model, 100);
        Checkpoint.LoadGenerator(first, a.Generator);
        Checkpoint.LoadGenerator(second, b.Generator);
        var pairs = a.Generator.state_dict().Zip(b.Generator.state_dict());
        foreach (var (x, y) in pairs)
        {
            Assert.Equal(x.Key, y.Key);
            Assert.True(x.Value.equal(y.Value).all().item<bool>(), $"{x.Key} differs");
        }
    }
}
