using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lsgan.Data;
using Lsgan.IO;
using Lsgan.Metrics;

namespace Lsgan.Cli.Commands;

/// <summary>
/// The real-data floor, computed once per dataset, classifier, feature model (if any), count and seed, then read
/// from the cache.
/// </summary>
internal static class FloorCache
{
    public static EvaluationReport Get(
        DatasetFetcher fetcher, string dataset, FeatureClassifier classifier, string sha, OnnxFeatureExtractor? featureModel, int count, int seed)
    {
        string features = featureModel is null ? "" : $"-{FeatureKey(featureModel)}";
        string path = Path.Combine(fetcher.CacheDirOf(DatasetCatalog.Get(dataset)), $"floor-{sha[..12]}{features}-{count}-{seed}.json");
        if (File.Exists(path))
        {
            try
            {
                return JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(path), Json.Indented)!;
            }
            catch (JsonException)
            {
                // A damaged cache entry is recomputed and rewritten below.
            }
        }
        using var train = ImageDataset.Load(dataset, DatasetSplit.Train, fetcher);
        using var test = ImageDataset.Load(dataset, DatasetSplit.Test, fetcher);
        var floor = RealDataFloor.Compute(classifier, featureModel, train.Images, test.Images, Math.Min(count, train.Count), seed);
        Json.WriteFile(path, floor);
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
