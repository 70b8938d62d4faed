using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

/// <summary>The trainer and session with the class-conditional model: labels reach both networks, resume stays exact.</summary>
public class ConditionalTrainingTests
{
    // One thread: results are bitwise repeatable only at a fixed libtorch thread count.
    public ConditionalTrainingTests() => set_num_threads(1);

    // Small z and batch keep the paper's 28x28 conditional networks to a fraction of a second per step.
    private static TrainConfig Config() => new()
    {
        Dataset = "quadrants",
        Model = new ModelConfig("paper-conditional", LatentDim: 8, Classes: 4),
        BatchSize = 8,
        Epochs = 1,
        LogEvery = 1,
        Seed = 5,
    };

    [Fact]
    public void Given_a_conditional_run_stopped_by_the_step_limit_when_resumed_then_it_ends_bitwise_as_a_straight_run()
    {
        using var dir = new TempDirectory();
        var (images, labels) = SyntheticImages.Quadrants(32, seed: 1);
        using var _ = images;
        using var __ = labels;
        var config = Config();

        using var straight = RunDirectory.CreateNew(dir.Combine("straight"), dir.Path, config);
        new TrainingSession(config, straight).Run(images, labels: labels);
        using var split = RunDirectory.CreateNew(dir.Combine("split"), dir.Path, config);
        Assert.Equal(TrainingOutcome.StepLimit, new TrainingSession(config with { MaxSteps = 2 }, split).Run(images, labels: labels));
        Assert.Equal(TrainingOutcome.Completed, new TrainingSession(config, split).Run(images, split.LatestCheckpoint, labels: labels));

        Assert.Equal(straight.ReadMetrics().Select(r => r.GLoss), split.ReadMetrics().Select(r => r.GLoss));
        using var a = TrainedGenerator.Load(straight.Path);
        using var b = TrainedGenerator.Load(split.Path);
        using var sampleA = a.Sample(8, seed: 2);
        using var sampleB = b.Sample(8, seed: 2);
        Assert.True(sampleA.equal(sampleB).all().item<bool>(), "the resumed run's generator differs");
    }

    [Fact]
    public void Given_a_conditional_model_when_training_is_asked_without_labels_or_with_labels_out_of_range_then_it_is_refused()
    {
        using var dir = new TempDirectory();
        var (images, labels) = SyntheticImages.Quadrants(16, seed: 1);
        using var _ = images;
        using var __ = labels;
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, Config());

        var missing = Assert.Throws<LsganException>(() => new TrainingSession(Config(), run).Run(images));
        var outside = Assert.Throws<LsganException>(() => new TrainingSession(Config() with { Model = Config().Model with { Classes = 3 } }, run).Run(images, labels: labels));

        Assert.Contains("needs one class label per image", missing.Message);
        Assert.Contains("outside the model's 3 classes", outside.Message);
    }

    [Fact]
    public void Given_a_conditional_trainer_when_D_steps_then_D_sees_each_real_batch_with_its_own_labels()
    {
        using var scope = NewDisposeScope();
        var (images, labels) = SyntheticImages.Quadrants(16, seed: 2);
        // Two trainers from one seed, the second given other labels: the labels must reach the networks.
        using var first = new GanTrainer(Config(), CPU);
        using var second = new GanTrainer(Config(), CPU);

        var statsA = first.Step([images[..8]], [labels[..8]]);
        var statsB = second.Step([images[..8]], [labels[..8].add(1).remainder(4)]);

        Assert.False(statsA.equal(statsB).all().item<bool>(), "D and G losses ignore the labels");
        Assert.Throws<LsganException>(() => first.Step([images[..8]]));
    }
}
