using Lsgan.Features;
using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Evaluation;

/// <summary>
/// Computes an <see cref="EvaluationReport"/> for two image sets: their features through the feature classifier
/// (or an ONNX feature model), then every metric on those features.
/// </summary>
public static class GanEvaluator
{
    /// <summary>
    /// Compares <paramref name="generatedImages"/> with <paramref name="realImages"/> (both [N, 1, 28, 28] in [−1, 1]).
    /// </summary>
    public static EvaluationReport Evaluate(FeatureClassifier classifier, Tensor realImages, Tensor generatedImages, int seed = 0)
    {
        using var scope = NewDisposeScope();
        var (realFeatures, _) = ClassifierFeatures.Extract(classifier, realImages);
        var (generatedFeatures, generatedLogits) = ClassifierFeatures.Extract(classifier, generatedImages);
        return EvaluationReport.FromFeatures(realFeatures, generatedFeatures, generatedLogits, classifier.Config.ClassCount, seed);
    }

    /// <summary>
    /// The same with FID, precision/recall, density/coverage and KID on <paramref name="featureModel"/>'s
    /// features (e.g. Inception's pool3, for the standard FID) when one is given; class coverage and the
    /// classifier score always come from the classifier's logits, which an arbitrary feature model lacks.
    /// </summary>
    public static EvaluationReport Evaluate(
        FeatureClassifier classifier, OnnxFeatureExtractor? featureModel, Tensor realImages, Tensor generatedImages, int seed = 0)
    {
        if (featureModel is null) return Evaluate(classifier, realImages, generatedImages, seed);
        using var scope = NewDisposeScope();
        var (_, generatedLogits) = ClassifierFeatures.Extract(classifier, generatedImages);
        var realFeatures = featureModel.Extract(realImages);
        var generatedFeatures = featureModel.Extract(generatedImages);
        return EvaluationReport.FromFeatures(realFeatures, generatedFeatures, generatedLogits, classifier.Config.ClassCount, seed);
    }
}
