using System.Security.Cryptography;
using System.Text;
using Lsgan.Data;
using Lsgan.Features;
using Lsgan.Metrics;

namespace Lsgan.Evaluation;

/// <summary>
/// The real-data floor, computed once per dataset, classifier, feature model (if any), count and seed, then read
/// from the cache. Given the test set's evaluator (features already extracted), it reuses it.
/// </summary>
/// <remarks>The cache files are JSON beside the dataset: floor-&lt;classifier&gt;-&lt;feature space or model&gt;-&lt;count&gt;-&lt;seed&gt;.json.</remarks>
public static class FloorCache
{
    /// <summary>The floor for <paramref name="count"/> training images (fewer when the training set is smaller) drawn with <paramref name="seed"/>.</summary>
    public static EvaluationReport Get(
        DatasetFetcher fetcher, string dataset, FeatureClassifier classifier, string sha, OnnxFeatureExtractor? featureModel,
        TestSetEvaluator? testSet, int count, int seed)
    {
        // Without a feature model the distances are on the classifier's feature space, named so older floors are not read.
        string features = featureModel is null ? $"-{FeatureSpace.Name}" : $"-{FeatureKey(featureModel)}";
        string path = Path.Combine(fetcher.CacheDirOf(DatasetCatalog.Get(dataset)), $"floor-{sha[..12]}{features}-{count}-{seed}.json");
        if (FloorFile.TryRead<EvaluationReport>(path, floor => double.IsFinite(floor.Fid) && floor.Fid >= 0) is { } cached) return cached;
        using var train = ImageDataset.Load(dataset, DatasetSplit.Train, fetcher);
        int subsetSize = Math.Min(count, train.Count);
        EvaluationReport floor;
        if (testSet is not null)
        {
            // The test set's features are already at hand: only the training subset's are extracted.
            using var subset = RealDataFloor.TrainingSubset(train.Images, subsetSize, seed);
            floor = testSet.Evaluate(subset);
        }
        else
        {
            using var test = ImageDataset.Load(dataset, DatasetSplit.Test, fetcher);
            floor = RealDataFloor.Compute(classifier, featureModel, train.Images, test.Images, subsetSize, seed);
        }
        FloorFile.Write(path, floor);
        return floor;
    }

    // Everything that changes the features: the model file, which output, and how images are fed to it.
    private static string FeatureKey(OnnxFeatureExtractor featureModel)
    {
        var normalization = featureModel.Normalization;
        string settings = $"{featureModel.ModelSha256}|{featureModel.OutputName}|{string.Join(",", normalization.Mean)}|" +
                          $"{string.Join(",", normalization.StandardDeviation)}|{featureModel.InputHeight}x{featureModel.InputWidth}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings)))[..12];
    }
}
