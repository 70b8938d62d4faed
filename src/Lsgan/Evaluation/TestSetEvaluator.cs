using Lsgan.Features;
using Lsgan.Metrics;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Evaluation;

/// <summary>Evaluates generated images against a fixed real set whose features are extracted once.</summary>
public sealed class TestSetEvaluator : IRunEvaluator, IDisposable
{
    private readonly FeatureClassifier classifier;
    private readonly Tensor realFeatures;
    private readonly int seed;

    /// <summary>Extracts the features of <paramref name="realImages"/> now; <paramref name="seed"/> seeds KID's subsets.</summary>
    public TestSetEvaluator(FeatureClassifier classifier, Tensor realImages, int seed = 0)
        : this(classifier, seed, ExtractFeatures(classifier, realImages))
    {
    }

    private TestSetEvaluator(FeatureClassifier classifier, int seed, Tensor realFeatures) =>
        (this.classifier, this.realFeatures, this.seed) = (classifier, realFeatures, seed);

    /// <summary>Uses real features already extracted by <paramref name="classifier"/> (e.g. from a <see cref="FeatureCache"/>); takes ownership of them.</summary>
    public static TestSetEvaluator FromFeatures(FeatureClassifier classifier, Tensor realFeatures, int seed = 0) =>
        new(classifier, seed, realFeatures);

    public EvaluationReport Evaluate(Tensor generatedImages)
    {
        using var scope = NewDisposeScope();
        var (features, logits) = ClassifierFeatures.Extract(classifier, generatedImages);
        return EvaluationReport.FromFeatures(realFeatures, features, logits, classifier.Config.ClassCount, seed);
    }

    private static Tensor ExtractFeatures(FeatureClassifier classifier, Tensor realImages)
    {
        var (features, logits) = ClassifierFeatures.Extract(classifier, realImages);
        logits.Dispose();
        return features;
    }

    public void Dispose() => realFeatures.Dispose();
}
