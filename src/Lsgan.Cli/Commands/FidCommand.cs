using System.CommandLine;
using Lsgan.Cli.Output;
using Lsgan.Evaluation;
using Lsgan.Features;
using Lsgan.IO;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan fid A B: every metric between two image sets, like pytorch-fid, for images from any program.</summary>
internal static class FidCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("reference") { Description = "Reference images: a folder of PNG/JPEG files or an IDX images file" }.NotEmpty();
        var second = new Argument<string>("generated") { Description = "Images to score: a folder or an IDX images file" }.NotEmpty();
        var dataset = Options.Make("--dataset", "Which shipped feature classifier to use: mnist or fashion-mnist", "fashion-mnist");
        var classifier = ClassifierOption.Create();
        var seed = Options.Make("--seed", "Seed of the metrics' subsets", 0);
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON (the keys of evaluation.json)" };
        var threads = Options.Threads("libtorch (and ONNX Runtime) threads", Environment.ProcessorCount);
        var featureModel = new FeatureModelOptions();
        var command = new Command("fid", "FID and the other metrics between two image sets (images are converted to 28x28 grayscale).")
        {
            first, second, dataset, classifier, seed, json, threads,
        };
        foreach (var option in featureModel.All) command.Options.Add(option);
        command.SetAction(p =>
        {
            TorchSharp.torch.set_num_threads(p.GetValue(threads));
            // The feature model first: a wrong path or option then fails before anything slow is loaded.
            using var features = featureModel.Open(p, p.GetValue(threads));
            var (network, _) = ClassifierWeights.LoadFileOrShipped(ClassifierOption.RegularFileOrMissing(p, classifier), p.GetValue(dataset)!);
            using var _ = network;
            var report = WorkView.Run("fid", progress =>
            {
                progress.Report(new WorkProgress(0, 3, $"loading {p.GetValue(first)}"));
                using var reference = ImageSetLoading.Load(p.GetValue(first)!);
                progress.Report(new WorkProgress(1, 3, $"loading {p.GetValue(second)}"));
                using var generated = ImageSetLoading.Load(p.GetValue(second)!);
                progress.Report(new WorkProgress(2, 3, $"features of {reference.shape[0]:N0} and {generated.shape[0]:N0} images, metrics"));
                var scored = GanEvaluator.Evaluate(network, features, reference, generated, p.GetValue(seed));
                progress.Report(new WorkProgress(3, 3, "done"));
                return scored;
            }, show: !p.GetValue(json));
            if (p.GetValue(json))
            {
                var node = EvaluationJson.Of(report);
                EvaluationJson.AddFeatureModel(node, features);
                Console.WriteLine(node.ToJsonString(Json.Indented));
            }
            else
            {
                EvaluationTable.Write(("generated vs reference", report));
                if (features is not null) Console.WriteLine(FeatureModelOptions.Summary(features));
            }
            return 0;
        });
        return command;
    }
}
