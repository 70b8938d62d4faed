using System.CommandLine;
using System.Diagnostics;
using Lsgan.Cli.Output;
using Lsgan.Evaluation;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan evaluate: scores a run's generator against the test set, beside the real-data floor.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var run = Options.Path("--run", "Run directory or checkpoint directory");
        run.Required = true;
        var count = Options.Make("--count", $"Generated images (and training images for the floor), {Limits.MinEvaluateCount} to {Limits.MaxEvaluateCount:N0}", 10_000)
            .InRange(Limits.MinEvaluateCount, Limits.MaxEvaluateCount, "the metrics need that many samples, and all are held in memory");
        var seed = Options.Make("--seed", "Seed of z and of the metrics' subsets", 0);
        var dataDir = Options.Path("--data-dir", "Dataset cache (default: $LSGAN_DATA_DIR or ~/.cache/lsgan)");
        var classifier = ClassifierOption.Create();
        var threads = Options.Threads("libtorch (and ONNX Runtime) threads", Environment.ProcessorCount);
        var featureModel = new FeatureModelOptions();
        var command = new Command("evaluate", "FID, precision/recall, density/coverage, KID, class coverage and classifier score of a run; writes evaluation.json.")
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
            var options = new RunEvaluationOptions { Count = p.GetValue(count), Seed = p.GetValue(seed), ClassifierPath = ClassifierOption.RegularFileOrMissing(p, classifier) };
            var result = WorkView.Run("evaluate", progress =>
                RunEvaluation.Evaluate(p.GetValue(run)!, DatasetLoading.Fetcher(p.GetValue(dataDir)), options, features, progress));

            EvaluationTable.Write(($"run (step {result.Step})", result.Report), ("real floor", result.Floor));
            if (features is not null) Console.WriteLine(FeatureModelOptions.Summary(features));
            Console.WriteLine($"Wrote {result.Path} in {clock.Elapsed.TotalSeconds:F1} s.");
            return 0;
        });
        return command;
    }
}
