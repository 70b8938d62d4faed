using System.Text.Json;
using Lsgan.Data;
using Lsgan.IO;
using Lsgan.Metrics;

namespace Lsgan.Cli.Commands;

/// <summary>The real-data floor, computed once per dataset, classifier, count and seed, then read from the cache.</summary>
internal static class FloorCache
{
    public static EvaluationReport Get(DatasetFetcher fetcher, string dataset, FeatureClassifier classifier, string sha, int count, int seed)
    {
        string path = Path.Combine(fetcher.CacheDirOf(DatasetCatalog.Get(dataset)), $"floor-{sha[..12]}-{count}-{seed}.json");
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
        var floor = RealDataFloor.Compute(classifier, train.Images, test.Images, Math.Min(count, train.Count), seed);
        Json.WriteFile(path, floor);
        return floor;
    }
}
