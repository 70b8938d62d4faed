using Lsgan.Data;
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

        /// <summary>Per evaluation: whether every value shown was one a PNG round trip gives.</summary>
        public List<bool> OnPngLevels { get; } = [];

        public EvaluationReport Evaluate(Tensor generatedImages)
        {
            Shapes.Add(generatedImages.shape);
            using var asPng = ImageFiles.QuantizeAsPng(generatedImages);
            OnPngLevels.Add(asPng.equal(generatedImages).all().item<bool>());
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
        // Scored as 8-bit PNGs, like 'evaluate' and 'fid': a generator's raw floats are almost never on those levels.
        Assert.All(evaluator.OnPngLevels, Assert.True);
        var best = Checkpoint.ReadManifest(Path.Combine(run.CheckpointsDirectory, "best")).State;
        Assert.Equal(2, best.Epoch);
        Assert.Equal(3.0, best.BestFid);
        Assert.Equal(new[] { 5.0, 3.0, 4.0 }, run.ReadEvaluations().Select(e => e.Evaluation.Fid));
        Assert.Equal(9, run.ReadMetrics().Count);
        Assert.All(File.ReadLines(run.MetricsFile), line => Assert.Contains("\"d_loss\"", line));
        Assert.Equal(3, File.ReadLines(run.EvaluationMetricsFile).Count());
        Assert.Equal(3.0, Checkpoint.ReadManifest(run.LatestCheckpoint).State.BestFid);
    }

    private static TrainConfig Config(int epochs, int evalEvery = 1, long maxSteps = 0) => new()
    {
        Dataset = "synthetic", Model = new ModelConfig("mlp", LatentDim: 8), BatchSize = 32, Epochs = epochs,
        EvalEvery = evalEvery, EvalSamples = 40, LogEvery = 1, MaxSteps = maxSteps,
    };

    [Fact]
    public void Given_stop_on_collapse_when_FID_doubles_over_its_best_then_the_run_stops_there_keeping_best_and_latest()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(96);
        var config = Config(epochs: 5);
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);

        var outcome = new TrainingSession(config, run, evaluator: new ScriptedEvaluator(5, 3, 6, 1, 1)) { StopOnCollapse = true }.Run(images);

        Assert.Equal(TrainingOutcome.Collapsed, outcome);
        Assert.Equal(3, Checkpoint.ReadManifest(run.LatestCheckpoint).State.Epoch);
        Assert.Equal(2, Checkpoint.ReadManifest(Path.Combine(run.CheckpointsDirectory, "best")).State.Epoch);
        var lines = File.ReadAllLines(run.EvaluationMetricsFile);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"collapsed\":false", lines[1]);
        Assert.Contains("\"collapsed\":true", lines[2]);
        Assert.Equal([null, null, "FID 6 ≥ 2 × the best earlier FID 3"], run.ReadEvaluations().Select(e => e.Collapse));
    }

    [Fact]
    public void Given_no_stop_on_collapse_when_a_run_collapses_then_it_is_marked_and_trains_to_the_end()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(96);
        var config = Config(epochs: 4);
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);

        var outcome = new TrainingSession(config, run, evaluator: new ScriptedEvaluator(5, 3, 5.99, 6)).Run(images);

        Assert.Equal(TrainingOutcome.Completed, outcome);
        Assert.Equal(new[] { false, false, false, true }, run.ReadEvaluations().Select(e => e.Collapse is not null));
    }

    [Fact]
    public void Given_a_step_limit_inside_an_epoch_the_run_is_evaluated_where_it_stops_and_a_completed_run_at_its_last_epoch()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(96);
        var limited = Config(epochs: 3, evalEvery: 5, maxSteps: 4);
        var full = Config(epochs: 2, evalEvery: 5);
        using var limitedRun = RunDirectory.CreateNew(dir.Combine("limited"), dir.Path, limited);
        using var fullRun = RunDirectory.CreateNew(dir.Combine("full"), dir.Path, full);

        var stopped = new TrainingSession(limited, limitedRun, evaluator: new ScriptedEvaluator(4)).Run(images);
        var completed = new TrainingSession(full, fullRun, evaluator: new ScriptedEvaluator(4)).Run(images);

        Assert.Equal(TrainingOutcome.StepLimit, stopped);
        Assert.Equal(TrainingOutcome.Completed, completed);
        // 96 images at batch 32: 3 steps per epoch; step 4 is inside epoch 2.
        Assert.Equal(new[] { (4L, 1) }, limitedRun.ReadEvaluations().Select(e => (e.Step, e.Epoch)));
        Assert.Equal(new[] { (6L, 2) }, fullRun.ReadEvaluations().Select(e => (e.Step, e.Epoch)));
        Assert.Equal(4, Checkpoint.ReadManifest(Path.Combine(limitedRun.CheckpointsDirectory, "best")).State.Step);
    }
}
