using System.CommandLine;
using System.Diagnostics;
using Lsgan.Cli.Output;
using Lsgan.Data;
using Lsgan.Evaluation;
using Lsgan.Training;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan evaluate: scores a run's generator against the test set, beside the real-data floor.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var run = Options.Path("--run", "Run directory or checkpoint directory");
        run.Required = true;
        var count = Options.Make("--count", $"Generated images (and real images for the floor), {Limits.MinEvaluateCount} to {Limits.MaxEvaluateCount:N0}; stacked-mnist runs default to {StackedMnist.EvaluationCount:N0}", 10_000)
            .InRange(Limits.MinEvaluateCount, Limits.MaxEvaluateCount, "the metrics need that many samples, and all are held in memory");
        var seed = Options.Make("--seed", "Seed of z and of the metrics' subsets", 0);
        var dataDir = Options.Path("--data-dir", "Dataset cache (default: $LSGAN_DATA_DIR or ~/.cache/lsgan)");
        var classifier = ClassifierOption.Create();
        var threads = Options.Threads("libtorch (and ONNX Runtime) threads", Environment.ProcessorCount);
        var featureModel = new FeatureModelOptions();
        var command = new Command("evaluate", "FID, precision/recall, density/coverage, KID, class coverage and classifier score of a run (of a stacked-mnist run: modes covered of 1,000 and KL from uniform on 26,000 samples); writes evaluation.json.")
        {
            run, count, seed, dataDir, classifier, threads,
        };
        foreach (var option in featureModel.All) command.Options.Add(option);
        command.SetAction(p =>
        {
            TorchSharp.torch.set_num_threads(p.GetValue(threads));
            var clock = Stopwatch.StartNew();
            RunPaths.RequireRunFolder(p.GetValue(run)!, "--run");
            // The feature model first: a wrong path or option then fails before anything slow is loaded.
            using var features = featureModel.Open(p, p.GetValue(threads));
            var config = Checkpoint.ReadManifest(Checkpoint.Resolve(p.GetValue(run)!)).Config;
            RequireTestSet(config);
            if (config.Dataset == StackedMnist.Name)
            {
                if (features is not null)
                    throw new LsganException($"--feature-model does not apply to a {StackedMnist.Name} run, which is scored by its modes only (no FID).");
                return EvaluateStacked(p, run, p.Given(count) ? p.GetValue(count) : StackedMnist.EvaluationCount, seed, dataDir, classifier, clock);
            }
            var options = new RunEvaluationOptions { Count = p.GetValue(count), Seed = p.GetValue(seed), ClassifierPath = ClassifierOption.RegularFileOrMissing(p, classifier) };
            var result = WorkView.Run("evaluate", progress =>
                RunEvaluation.Evaluate(p.GetValue(run)!, DatasetLoading.Fetcher(p.GetValue(dataDir)), options, features, progress));

            EvaluationTable.Write(($"run (step {result.Step})", result.Report), ("real floor", result.Floor));
            if (result.ConditionalAccuracy is { } accuracy) EvaluationTable.WriteConditionalAccuracy(accuracy);
            if (features is not null) Console.WriteLine(FeatureModelOptions.Summary(features));
            Console.WriteLine($"Wrote {result.Path} in {clock.Elapsed.TotalSeconds:F1} s.");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The metrics compare samples with a test set through its shipped classifier, which only mnist, fashion-mnist (and
    /// stacked-mnist, built from MNIST) have; a run of an image folder, an LMDB or hanzi is told so in one line.
    /// </summary>
    private static void RequireTestSet(TrainConfig config)
    {
        if (config.Dataset == StackedMnist.Name || DatasetCatalog.Names.Contains(config.Dataset)) return;
        string conditional = config.Model.Conditional ? " nor conditional accuracy (which needs a classifier of its classes)" : "";
        throw new LsganException(
            $"evaluate scores runs of {string.Join(", ", DatasetCatalog.Names)} and {StackedMnist.Name} against their test sets; {config.Dataset} "
            + $"has no test set and no shipped classifier, so neither FID{conditional} is available for it. Compare its samples "
            + "with 'lsgan generate --singles DIR' and 'lsgan fid'.");
    }

    /// <summary>A stacked-mnist run is read by its modes only (see <see cref="StackedMnistEvaluation"/>).</summary>
    private static int EvaluateStacked(ParseResult p, Option<string?> run, int count, Option<int> seed, Option<string?> dataDir,
        Option<string?> classifier, Stopwatch clock)
    {
        var result = StackedMnistRunEvaluation.Evaluate(p.GetValue(run)!, DatasetLoading.Fetcher(p.GetValue(dataDir)), count, p.GetValue(seed),
            ClassifierOption.RegularFileOrMissing(p, classifier));
        EvaluationTable.WriteStacked(($"run (step {result.Step})", result.Report), ("real floor", result.Floor.Report));
        var accuracy = result.Floor.ChannelAccuracy;
        Console.WriteLine($"The classifier reads the real stacks' digits right in R {accuracy[0]:P2}, G {accuracy[1]:P2}, B {accuracy[2]:P2} of images, the whole triple in {result.Floor.TripleAccuracy:P2}.");
        Console.WriteLine($"Wrote {result.Path} in {clock.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }
}
