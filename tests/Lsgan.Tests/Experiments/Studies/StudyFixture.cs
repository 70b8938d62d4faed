using Lsgan.Experiments.Studies;
using Lsgan.Losses;
using Lsgan.Metrics;
using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Experiments.Studies;

/// <summary>
/// A tiny study made in the test: mlp on 64 synthetic squares, batch 32, 1 epoch (2 steps), evaluated by an
/// evaluator that scores the samples' mean pixel (deterministic, instant) and counts its calls.
/// </summary>
internal sealed class StudyFixture : IStudyData, IDisposable
{
    private readonly Tensor images = SyntheticImages.Squares(64);

    public int Evaluations => evaluator.Calls;

    private readonly CountingEvaluator evaluator = new();

    public static StudyPlan Plan(params long[] seeds) => new("tiny",
        [new StudyAxis("loss", ["bce", "ls"])],
        [new StudySetting("bce", ["bce"], ["--loss", "bce"]), new StudySetting("ls", ["ls"], ["--loss", "ls"])],
        seeds, ["--model", "mlp"]);

    public static IReadOnlyList<StudyRun> Runs(StudyPlan plan, int epochs = 1) => plan.Grid().Select(cell => new StudyRun(cell.Setting.Name, cell.Seed,
        new TrainConfig
        {
            Dataset = "synthetic", Model = new ModelConfig("mlp", LatentDim: 8), Loss = new LossConfig(cell.Setting.Name),
            BatchSize = 32, Epochs = epochs, EvalEvery = 1, EvalSamples = 20, LogEvery = 1, Seed = cell.Seed,
        })).ToList();

    public Tensor TrainImages(TrainConfig config) => images;

    public IRunEvaluator? Evaluator(TrainConfig config) => evaluator;

    public void Dispose() => images.Dispose();

    private sealed class CountingEvaluator : IRunEvaluator
    {
        private int calls;

        public int Calls => calls;

        public EvaluationReport Evaluate(Tensor generatedImages)
        {
            Interlocked.Increment(ref calls);
            double fid = generatedImages.mean().item<float>() + 2;
            return new EvaluationReport(fid, 0.5, 0.25, 1, 0.5, 0.01, 0.001, 10, 0.1, new long[10], 5, 0.1, 100, generatedImages.shape[0]);
        }
    }
}
