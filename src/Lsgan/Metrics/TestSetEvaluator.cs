using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>Evaluates generated images against a fixed real set whose features are extracted once.</summary>
public sealed class TestSetEvaluator : IRunEvaluator, IDisposable
{
    private readonly FeatureClassifier classifier;
    private readonly Tensor realFeatures;

    public TestSetEvaluator(FeatureClassifier classifier, Tensor realImages)
    {
        this.classifier = classifier;
        var (features, logits) = ClassifierFeatures.Extract(classifier, realImages);
        logits.Dispose();
        realFeatures = features;
    }

    public EvaluationReport Evaluate(Tensor generatedImages)
    {
        using var scope = NewDisposeScope();
        var (features, logits) = ClassifierFeatures.Extract(classifier, generatedImages);
        return GanEvaluator.Evaluate(realFeatures, features, logits, classifier.Config.ClassCount);
    }

    public void Dispose() => realFeatures.Dispose();
}
