using System.Text.Json;
using System.Text.Json.Nodes;
using Lsgan.Data;
using Lsgan.Features;
using Lsgan.IO;
using Lsgan.Training;

namespace Lsgan.Evaluation;

/// <summary>
/// 'lsgan evaluate' of a stacked-mnist run: samples the generator, reads each channel's digit with the MNIST
/// classifier, and writes modes covered and KL from uniform beside the real-data floor to evaluation.json.
/// </summary>
public static class StackedMnistRunEvaluation
{
    /// <summary>Seed of the floor's real stack: fixed, so the floor is one figure for all runs and seeds.</summary>
    private const long FloorSeed = 1;

    /// <param name="run">A run directory or a checkpoint directory of a stacked-mnist run.</param>
    /// <param name="fetcher">Finds MNIST; its cache also keeps the floors.</param>
    /// <param name="count">Generated images, and real ones for the floor (26,000 in the papers).</param>
    /// <param name="seed">Seed of z.</param>
    /// <param name="classifierPath">An MNIST feature classifier's weights; null for the shipped one.</param>
    public static StackedMnistRunResult Evaluate(string run, DatasetFetcher fetcher, int count = StackedMnist.EvaluationCount, int seed = 0,
        string? classifierPath = null)
    {
        using var runLock = DirectoryLock.Acquire(Checkpoint.RunDirectoryOf(run));
        using var generator = TrainedGenerator.Load(run);
        if (generator.Config.Dataset != StackedMnist.Name)
            throw new LsganException($"{run} was trained on {generator.Config.Dataset}, not {StackedMnist.Name}.");
        var (classifier, sha) = ClassifierWeights.LoadFileOrShipped(classifierPath, DatasetCatalog.Mnist.Name);
        using var _ = classifier;

        using var sampled = generator.Sample(count, seed);
        // Scored as the 8-bit PNGs 'generate' writes, as every other evaluation is.
        using var generated = ImageFiles.QuantizeAsPng(sampled);
        var report = StackedMnistEvaluation.Evaluate(classifier, generated);
        var floor = Floor(fetcher, classifier, sha, count);

        var json = new JsonObject
        {
            ["dataset"] = StackedMnist.Name,
            ["step"] = generator.State.Step,
            ["stacked_modes_covered"] = report.ModesCovered,
            ["stacked_mode_count"] = report.ModeCount,
            ["stacked_kl"] = report.Kl,
            ["generated_count"] = report.Samples,
            ["classifier_sha256"] = sha,
            ["seed"] = seed,
            ["real_floor"] = JsonSerializer.SerializeToNode(floor, Json.Indented),
        };
        string path = Path.Combine(Checkpoint.RunDirectoryOf(run), RunEvaluation.FileName);
        AtomicFile.WriteAllText(path, json.ToJsonString(Json.Indented));
        return new StackedMnistRunResult(report, floor, generator.State.Step, path);
    }

    /// <summary>
    /// <paramref name="count"/> stacks of MNIST test digits scored as generated images are, cached beside MNIST per
    /// classifier and count. Test digits, because the classifier was trained on the training digits and would read
    /// those too well.
    /// </summary>
    public static StackedMnistFloor Floor(DatasetFetcher fetcher, FeatureClassifier classifier, string sha, int count)
    {
        string path = Path.Combine(fetcher.CacheDirOf(DatasetCatalog.Mnist), $"stacked-floor-{sha[..12]}-{count}-{FloorSeed}.json");
        if (FloorFile.TryRead<StackedMnistFloor>(path, IsFloor) is { } cached) return cached;
        using var real = StackedMnist.Load(DatasetSplit.Test, fetcher, count, FloorSeed);
        var floor = StackedMnistEvaluation.Floor(classifier, real);
        FloorFile.Write(path, floor);
        return floor;
    }

    private static bool IsFloor(StackedMnistFloor floor) =>
        floor.Report is { ModeCount: StackedMnist.ModeCount } report && double.IsFinite(report.Kl) && report.Kl >= 0 &&
        floor.ChannelAccuracy is { Length: StackedMnist.Channels };
}
