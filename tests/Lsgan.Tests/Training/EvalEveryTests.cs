using Lsgan.Metrics;
using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

public class EvalEveryTests
{
    /// <summary>Returns the given FIDs in turn and records what it was shown.</summary>
    private sealed class ScriptedEvaluator(params double[] fids) : IRunEvaluator
    {
        public List<long[]> Shapes { get; } = [];

        public EvaluationReport Evaluate(Tensor generatedImages)
        {
            Shapes.Add(generatedImages.shape);
            double fid = fids[Shapes.Count - 1];
            return new EvaluationReport(fid, 0.5, 0.5, 1, 0.5, 0.01, 0.001, 10, 0.1, new long[10], 5, 0.1, 100, generatedImages.shape[0]);
        }
    }

    [Fact]
    public void The_best_checkpoint_is_the_epoch_with_the_lowest_FID_and_evaluations_have_their_own_metric_log()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(96);
        var config = new TrainConfig
        {
            Dataset = "synthetic", Model = new ModelConfig("mlp", LatentDim: 8), BatchSize = 32, Epochs = 3,
            EvalEvery = 1, EvalSamples = 40, LogEvery = 1,
        };
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);
        var evaluator = new ScriptedEvaluator(5, 3, 4);

        new TrainingSession(config, run, evaluator: evaluator).Run(images);

        Assert.Equal(3, evaluator.Shapes.Count);
        Assert.All(evaluator.Shapes, shape => Assert.Equal(new long[] { 40, 1, 28, 28 }, shape));
        var best = Checkpoint.ReadManifest(Path.Combine(run.CheckpointsDirectory, "best")).State;
        Assert.Equal(2, best.Epoch);
        Assert.Equal(3.0, best.BestFid);
        Assert.Equal(new[] { 5.0, 3.0, 4.0 }, run.ReadEvaluations().Select(e => e.Evaluation.Fid));
        Assert.Equal(9, run.ReadMetrics().Count);
        Assert.All(File.ReadLines(run.MetricsFile), line => Assert.Contains("\"d_loss\"", line));
        Assert.Equal(3, File.ReadLines(run.EvaluationMetricsFile).Count());
        Assert.Equal(3.0, Checkpoint.ReadManifest(run.LatestCheckpoint).State.BestFid);
    }
}
