using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Training;

/// <summary>Scores generated images during training (--eval-every), e.g. against the test set's features.</summary>
public interface IRunEvaluator
{
    /// <summary>The metrics of <paramref name="generatedImages"/> ([N, C, H, W] in [−1, 1]).</summary>
    EvaluationReport Evaluate(Tensor generatedImages);
}
