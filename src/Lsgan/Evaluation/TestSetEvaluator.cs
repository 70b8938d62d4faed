using Lsgan.Data;
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

    /// <summary>
    /// The metrics, and the classifier's reading of each sample against the class it was drawn for when it has
    /// <paramref name="classCount"/> classes, from one pass of the classifier.
    /// </summary>
    public (EvaluationReport Report, ConditionalAccuracyResult? Accuracy) Evaluate(Tensor generatedImages, Tensor intended, int classCount)
    {
        using var scope = NewDisposeScope();
        var (features, logits) = ClassifierFeatures.Extract(classifier, generatedImages);
        var report = EvaluationReport.FromFeatures(realFeatures, features, logits, classifier.Config.ClassCount, seed);
        var accuracy = classifier.Config.ClassCount == classCount ? ConditionalAccuracy.Compute(logits.argmax(1), intended, classCount) : null;
        return (report, accuracy);
    }

    /// <summary>
    /// The evaluator of <paramref name="classifier"/> (whose weights have SHA-256 <paramref name="sha"/>) against
    /// <paramref name="testImages"/>, the test set of <paramref name="dataset"/>: its features are extracted once per
    /// classifier and cached beside the dataset (<see cref="FeatureCache"/>), so later evaluations skip them.
    /// </summary>
    public static TestSetEvaluator Cached(
        DatasetFetcher fetcher, string dataset, FeatureClassifier classifier, string sha, Tensor testImages, int seed = 0)
    {
        // The feature space's name is in the file name and the key, so caches of older features are never read.
        string cache = FeatureCache.PathFor(fetcher.CacheDirOf(DatasetCatalog.Get(dataset)), $"test-{FeatureSpace.Name}", sha);
        // A FIFO or a folder in the cache's place would block or fail the read: refused, naming it.
        if (File.Exists(cache) || Directory.Exists(cache)) PathCheck.RequireFile(cache, "remove it so the features can be cached");
        var realFeatures = FeatureCache.GetOrCompute(cache, $"{dataset} test {FeatureSpace.Name} {sha}", () => ExtractFeatures(classifier, testImages));
        return FromFeatures(classifier, realFeatures, seed);
    }

    /// <summary>The evaluator --eval-every uses: the classifier shipped for <paramref name="dataset"/> against its test set.</summary>
    public static TestSetEvaluator ForShippedClassifier(string dataset, DatasetFetcher fetcher)
    {
        var classifier = ShippedClassifiers.For(dataset).Load();
        using var test = ImageDataset.Load(dataset, DatasetSplit.Test, fetcher);
        return new TestSetEvaluator(classifier, test.Images);
    }

    private static Tensor ExtractFeatures(FeatureClassifier classifier, Tensor realImages)
    {
        var (features, logits) = ClassifierFeatures.Extract(classifier, realImages);
        logits.Dispose();
        return features;
    }

    public void Dispose() => realFeatures.Dispose();
}
