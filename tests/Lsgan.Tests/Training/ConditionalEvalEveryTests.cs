using System.Text.Json.Nodes;
using Lsgan.Metrics;
using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

/// <summary>--eval-every on a conditional run records conditional accuracy beside FID in metric-evaluation.jsonl.</summary>
public sealed class ConditionalEvalEveryTests
{
    /// <summary>Scores every sample as read for class 0, and keeps the intended classes it was shown.</summary>
    private sealed class ReadsZeroEvaluator : IRunEvaluator
    {
        public List<long[]> Intended { get; } = [];

        public EvaluationReport Evaluate(Tensor generatedImages) =>
            new(2.5, 0.5, 0.5, 1, 0.5, 0.01, 0.001, 3, 0.1, new long[3], 5, 0.1, 100, generatedImages.shape[0]);

        public (EvaluationReport Report, ConditionalAccuracyResult? Accuracy) Evaluate(Tensor generatedImages, Tensor intended, int classCount)
        {
            Assert.Equal(intended.shape[0], generatedImages.shape[0]);
            Intended.Add(intended.data<long>().ToArray());
            return (Evaluate(generatedImages), Lsgan.Metrics.ConditionalAccuracy.Compute(zeros_like(intended), intended, classCount));
        }
    }

    private static TrainConfig Config(string model, int classes) => new()
    {
        Dataset = "synthetic", Model = new ModelConfig(model, LatentDim: 8, Classes: classes), BatchSize = 8, Epochs = 1,
        EvalEvery = 1, EvalSamples = 30, LogEvery = 1, MaxSteps = 2,
    };

    [Fact]
    public void Given_a_conditional_run_with_eval_every_when_it_evaluates_then_the_line_holds_the_accuracy_of_samples_cycling_through_the_classes()
    {
        using var dir = new TempDirectory();
        var (images, labels) = SyntheticImages.Quadrants(32, seed: 5);
        using var _ = images;
        using var __ = labels;
        var config = Config("paper-conditional", classes: 4);
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);
        var evaluator = new ReadsZeroEvaluator();

        new TrainingSession(config, run, evaluator: evaluator).Run(images, labels: labels);

        // One evaluation, where --max-steps ends the run; sample i is drawn for class i mod 4.
        var intended = Assert.Single(evaluator.Intended);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)(i % 4)), intended);
        var line = JsonNode.Parse(Assert.Single(File.ReadAllLines(run.EvaluationMetricsFile)))!;
        // Class 0 holds 8 of the 30 samples (0, 4, …, 28), and only it is read right.
        Assert.InRange((double)line["conditional_accuracy"]!, 8.0 / 30 - 1e-12, 8.0 / 30 + 1e-12);
        Assert.Equal([1.0, 0.0, 0.0, 0.0], line["conditional_accuracy_per_class"]!.AsArray().Select(v => (double)v!));
        Assert.Equal(2.5, (double)line["fid"]!);
        var read = Assert.Single(run.ReadEvaluations()).ConditionalAccuracy!;
        Assert.InRange(read.Overall, 8.0 / 30 - 1e-12, 8.0 / 30 + 1e-12);
        Assert.Equal([1.0, 0.0, 0.0, 0.0], read.PerClass);
    }

    [Fact]
    public void Given_an_unconditional_run_with_eval_every_when_it_evaluates_then_no_accuracy_is_asked_for_or_written()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(32);
        var config = Config("mlp", classes: 0);
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);
        var evaluator = new ReadsZeroEvaluator();

        new TrainingSession(config, run, evaluator: evaluator).Run(images);

        Assert.Empty(evaluator.Intended);
        Assert.DoesNotContain("conditional_accuracy", Assert.Single(File.ReadAllLines(run.EvaluationMetricsFile)));
        Assert.Null(Assert.Single(run.ReadEvaluations()).ConditionalAccuracy);
    }
}
