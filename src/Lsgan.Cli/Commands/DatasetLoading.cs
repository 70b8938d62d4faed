using Lsgan.Data;
using static TorchSharp.torch;

namespace Lsgan.Cli.Commands;

/// <summary>Loads training images for the CLI: a named dataset through the fetcher, or a user's image folder.</summary>
internal static class DatasetLoading
{
    // A dataset name wins over a folder of the same name in the working directory (use ./name for that).
    public static bool IsFolder(string dataset) => !BuiltIn.Contains(dataset) && Directory.Exists(dataset);

    /// <summary>The names 'train --dataset' knows: the IDX datasets and Stacked MNIST, which is made from MNIST.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = [.. DatasetCatalog.Names, StackedMnist.Name];

    /// <summary>The channels of a built-in dataset's images.</summary>
    public static int ChannelsOf(string dataset) =>
        dataset == StackedMnist.Name ? StackedMnist.Channels : DatasetCatalog.Get(dataset).Channels;

    /// <summary>The fetcher every command uses: all sources, cache under --data-dir when given.</summary>
    public static DatasetFetcher Fetcher(string? dataDir) => new(new DatasetFetchOptions { DataDir = dataDir });

    /// <summary>Checks the dataset name before anything is written.</summary>
    public static void EnsureKnown(string dataset)
    {
        if (IsFolder(dataset) || BuiltIn.Contains(dataset)) return;
        if (PathCheck.Classify(dataset) is var kind and not PathKind.Missing)
            throw new LsganException($"The dataset {PathCheck.Describe(dataset, kind)}; give a folder of images or one of {string.Join(", ", BuiltIn)}.");
        throw new LsganException($"Unknown dataset '{dataset}': expected {string.Join(", ", BuiltIn)} or an existing folder of images.");
    }

    /// <summary>Training images [N, C, 28, 28] in [−1, 1]; dispose the result.</summary>
    public static IDisposable LoadTrainImages(string dataset, string? dataDir, int channels, out Tensor images)
    {
        var log = new Output.CallbackProgress<string>(message => Console.Error.WriteLine(message));
        if (IsFolder(dataset))
        {
            var folder = ImageFolder.Load(dataset, new ImageFolderOptions(channels, 28, 28), log);
            images = folder.Images;
            return folder;
        }
        if (dataset == StackedMnist.Name)
        {
            // The training stack depends on nothing but MNIST: one fixed seed, whatever the run's seed, so every run
            // of the benchmark trains on the same 60,000 images.
            var stacked = StackedMnist.Load(DatasetSplit.Train, Fetcher(dataDir), StackedMnist.DefaultTrainCount, StackedMnist.TrainSeed, log);
            images = stacked.Images;
            return stacked;
        }
        var set = ImageDataset.Load(dataset, DatasetSplit.Train, Fetcher(dataDir), log);
        images = set.Images;
        return set;
    }
}
