using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lsgan.Cli.Output;
using Lsgan.Data;
using Lsgan.Evaluation;
using Lsgan.Features;
using Lsgan.IO;
using Lsgan.Training;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan evaluate: scores a run's generator against the test set, beside the real-data floor.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run directory or checkpoint directory", Required = true };
        var count = Options.Make("--count", "Generated images (and training images for the floor)", 10_000);
        var seed = Options.Make("--seed", "Seed of z and of the metrics' subsets", 0);
        var dataDir = Options.Optional<string>("--data-dir", "Dataset cache (default: $LSGAN_DATA_DIR or ~/.cache/lsgan)");
        var classifier = ClassifierOption.Create();
        var threads = Options.Make("--threads", "libtorch (and ONNX Runtime) threads", Environment.ProcessorCount);
        var featureModel = new FeatureModelOptions();
        var command = new Command("evaluate", "FID, precision/recall, density/coverage, KID, class coverage and classifier score of a run; writes evaluation.json.")
        {
            run, count, seed, dataDir, classifier, threads,
        };
        foreach (var option in featureModel.All) command.Options.Add(option);
        command.SetAction(p =>
        {
            TorchSharp.torch.set_num_threads(Math.Max(1, p.GetValue(threads)));
            var clock = Stopwatch.StartNew();
            string source = p.GetValue(run)!;
            using var generator = TrainedGenerator.Load(source);
            string dataset = generator.Config.Dataset;
            var (network, sha) = ClassifierOption.Load(p.GetValue(classifier), dataset);
            using var _ = network;
            using var features = featureModel.Open(p, p.GetValue(threads));

            var fetcher = DatasetLoading.Fetcher(p.GetValue(dataDir));
            using var test = ImageDataset.Load(dataset, DatasetSplit.Test, fetcher);
            using var generated = generator.Sample(p.GetValue(count), p.GetValue(seed));
            // Without a feature model the test set's features depend only on the classifier: extracted once, cached
            // beside the dataset, and shared by the run's report and the floor.
            using var testSet = features is null ? CachedTestSet(fetcher, dataset, network, sha, test.Images, p.GetValue(seed)) : null;
            var report = testSet?.Evaluate(generated) ?? GanEvaluator.Evaluate(network, features, test.Images, generated, p.GetValue(seed));
            var floor = FloorCache.Get(fetcher, dataset, network, sha, features, testSet, p.GetValue(count), p.GetValue(seed));

            string runRoot = Checkpoint.RunDirectoryOf(source);
            var json = JsonSerializer.SerializeToNode(report, Json.Indented)!.AsObject();
            json["dataset"] = dataset;
            json["step"] = generator.State.Step;
            json["classifier_sha256"] = sha;
            FeatureModelOptions.Describe(json, features);
            json["seed"] = p.GetValue(seed);
            json["real_floor"] = JsonSerializer.SerializeToNode(floor, Json.Indented);
            AtomicFile.WriteAllText(Path.Combine(runRoot, "evaluation.json"), json.ToJsonString(Json.Indented));

            EvaluationTable.Write(($"run (step {generator.State.Step})", report), ("real floor", floor));
            if (features is not null) Console.WriteLine(FeatureModelOptions.Summary(features));
            Console.WriteLine($"Wrote {Path.Combine(runRoot, "evaluation.json")} in {clock.Elapsed.TotalSeconds:F1} s.");
            return 0;
        });
        return command;
    }

    private static TestSetEvaluator CachedTestSet(
        DatasetFetcher fetcher, string dataset, FeatureClassifier classifier, string sha, TorchSharp.torch.Tensor testImages, int seed)
    {
        string cache = FeatureCache.PathFor(fetcher.CacheDirOf(DatasetCatalog.Get(dataset)), "test", sha);
        var realFeatures = FeatureCache.GetOrCompute(cache, $"{dataset} test {sha}", () =>
        {
            var (extracted, logits) = ClassifierFeatures.Extract(classifier, testImages);
            logits.Dispose();
            return extracted;
        });
        return TestSetEvaluator.FromFeatures(classifier, realFeatures, seed);
    }
}
