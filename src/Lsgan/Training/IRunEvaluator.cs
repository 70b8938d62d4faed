using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Training;

/// <summary>Scores generated images during training (--eval-every), e.g. against the test set's features.</summary>
public interface IRunEvaluator
{
    /// <summary>The metrics of <paramref name="generatedImages"/> ([N, C, H, W] in [−1, 1]).</summary>
    EvaluationReport Evaluate(Tensor generatedImages);

    /// <summary>
    /// For a conditional run: the metrics, and how often the evaluator's classifier reads sample i of
    /// <paramref name="generatedImages"/> as <paramref name="intended"/>[i] (int64 [N], below
    /// <paramref name="classCount"/>), per class and overall; a null accuracy when it has no classifier of those
    /// classes. An evaluator with a classifier serves both from one pass of it over the samples.
    /// </summary>
    (EvaluationReport Report, ConditionalAccuracyResult? Accuracy) Evaluate(Tensor generatedImages, Tensor intended, int classCount) =>
        (Evaluate(generatedImages), null);
}
