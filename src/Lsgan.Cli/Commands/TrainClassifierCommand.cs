using System.CommandLine;
using Lsgan.Data;
using Lsgan.Features;
using Lsgan.Features.Training;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan train-classifier: trains the feature network that the metrics use.</summary>
internal static class TrainClassifierCommand
{
    public static Command Create()
    {
        var defaults = new ClassifierTrainingOptions();
        var dataset = Options.Make("--dataset", "mnist or fashion-mnist", "fashion-mnist");
        var dataDir = Options.Path("--data-dir", "Dataset cache (default: $LSGAN_DATA_DIR or ~/.cache/lsgan)");
        var epochs = Options.Make("--epochs", "Training epochs", defaults.Epochs);
        var seed = Options.Make("--seed", "Seed of weights, batches and augmentation", 0L);
        // 2 by default: on an idle 2-core machine 2 threads train an epoch of 60,000 images in about 40 s and 1 thread
        // in about 70 s; but when another job is using a core, 2 threads wait on each other and were 5x slower than 1.
        var threads = Options.Threads("libtorch threads (the weights repeat bitwise only at a fixed count)", 2);
        var output = Options.Path("--out", "Weights file (default: classifiers/<dataset>.lsganfc)");
        var command = new Command("train-classifier", "Train the small CNN whose 128-d features score generated images.")
        {
            dataset, dataDir, epochs, seed, threads, output,
        };
        command.SetAction(p =>
        {
            TorchSharp.torch.set_num_threads(p.GetValue(threads));
            string name = DatasetCatalog.Get(p.GetValue(dataset)!).Name;
            string path = p.GetValue(output) ?? Path.Combine("classifiers", $"{name}.lsganfc");
            var options = defaults with { Epochs = p.GetValue(epochs), Seed = p.GetValue(seed) };
            if (options.Validate() is [_, ..] errors) throw new LsganException($"Invalid options: {string.Join("; ", errors)}");
            // Checked before the minutes of training, not after.
            RunPaths.PrepareOutputFile(path, "--out");
            var fetcher = DatasetLoading.Fetcher(p.GetValue(dataDir));
            var (train, test) = Output.DataView.Run(log =>
                (ImageDataset.Load(name, DatasetSplit.Train, fetcher, log), ImageDataset.Load(name, DatasetSplit.Test, fetcher, log)));
            using var trainSet = train;
            using var testSet = test;
            var progress = new Output.CallbackProgress<ClassifierEpochReport>(r => Console.WriteLine(
                $"epoch {r.Epoch}/{r.Epochs}  loss {r.TrainLoss:F4}  train {r.TrainAccuracy:P2}  test {r.TestAccuracy:P2}  {r.Duration.TotalSeconds:F0} s"));
            var result = ClassifierTrainer.Train(train.Images, train.Labels, test.Images, test.Labels, options, progress);
            using var classifier = result.Classifier;
            string sha = ClassifierWeights.Save(classifier, path);
            Console.WriteLine($"Wrote {path}: test accuracy {result.TestAccuracy:P2}, SHA-256 {sha}");
            return 0;
        });
        return command;
    }
}
