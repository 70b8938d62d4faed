using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Training;

/// <summary>Scores generated images during training (--eval-every), e.g. against the test set's features.</summary>
public interface IRunEvaluator
{
    /// <summary>The metrics of <paramref name="generatedImages"/> ([N, C, H, W] in [−1, 1]).</summary>
    EvaluationReport Evaluate(Tensor generatedImages);

    /// <summary>
    /// For a conditional run: how often the evaluator's classifier reads sample i of <paramref name="generatedImages"/>
    /// as <paramref name="intended"/>[i] (int64 [N], below <paramref name="classCount"/>), per class and overall; null
    /// when it has no classifier of those classes.
    /// </summary>
    ConditionalAccuracyResult? ConditionalAccuracy(Tensor generatedImages, Tensor intended, int classCount) => null;
}
