using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>Computes an <see cref="EvaluationReport"/> for two image sets through one feature classifier.</summary>
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
        return Evaluate(realFeatures, generatedFeatures, generatedLogits, classifier.Config.ClassCount, seed);
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
        return Evaluate(realFeatures, generatedFeatures, generatedLogits, classifier.Config.ClassCount, seed);
    }

    /// <summary>The same from features already extracted (real features may come from a cache).</summary>
    public static EvaluationReport Evaluate(Tensor realFeatures, Tensor generatedFeatures, Tensor generatedLogits, int classCount, int seed = 0)
    {
        using var scope = NewDisposeScope();
        double fid = FrechetDistance.Compute(realFeatures, generatedFeatures);
        var (pr, dc) = NearestNeighbourMetrics.Compute(realFeatures, generatedFeatures);
        var kid = KernelInceptionDistance.Compute(realFeatures, generatedFeatures, seed: seed);
        var classes = ClassCoverage.Compute(generatedLogits.argmax(1), classCount);
        int splits = (int)Math.Min(ClassifierScore.DefaultSplits, generatedLogits.shape[0]);
        var score = ClassifierScore.FromLogits(generatedLogits, splits);
        return new EvaluationReport(fid, pr.Precision, pr.Recall, dc.Density, dc.Coverage, kid.Mean, kid.StandardDeviation,
            classes.ClassesCovered, classes.KlFromUniform, classes.Histogram, score.Mean, score.StandardDeviation,
            realFeatures.shape[0], generatedFeatures.shape[0]);
    }
}
