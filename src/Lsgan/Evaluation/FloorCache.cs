using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lsgan.Data;
using Lsgan.Features;
using Lsgan.IO;
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
        if (File.Exists(path) && TryRead(path) is { } cached) return cached;
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
        Json.WriteFile(path, new Entry(Sha256Of(floor), floor));
        return floor;
    }

    /// <summary>A cache file: the floor and the SHA-256 of its compact JSON, so an edited or damaged entry is never shown.</summary>
    private sealed record Entry(string Sha256, EvaluationReport Floor);

    // The cached floor, or null when the entry is damaged, edited, from an older format or not a floor at all:
    // it is then recomputed and rewritten. Anything but a regular file there (a FIFO would block) is an error.
    private static EvaluationReport? TryRead(string path)
    {
        Entry? entry;
        try
        {
            using var stream = PathCheck.OpenRead(path);
            entry = JsonSerializer.Deserialize<Entry>(stream, Json.Indented);
        }
        catch (JsonException)
        {
            return null;
        }
        if (entry?.Floor is not { } floor || entry.Sha256 != Sha256Of(floor)) return null;
        return double.IsFinite(floor.Fid) && floor.Fid >= 0 ? floor : null;
    }

    private static string Sha256Of(EvaluationReport floor) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(floor, Json.Compact)));

    // Everything that changes the features: the model file, which output, and how images are fed to it.
    private static string FeatureKey(OnnxFeatureExtractor featureModel)
    {
        var normalization = featureModel.Normalization;
        string settings = $"{featureModel.ModelSha256}|{featureModel.OutputName}|{string.Join(",", normalization.Mean)}|" +
                          $"{string.Join(",", normalization.StandardDeviation)}|{featureModel.InputHeight}x{featureModel.InputWidth}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings)))[..12];
    }
}
