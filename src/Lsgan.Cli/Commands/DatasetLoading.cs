using Lsgan.Data;
using static TorchSharp.torch;

namespace Lsgan.Cli.Commands;

/// <summary>Loads training images for the CLI: a named dataset through the fetcher, or a user's image folder.</summary>
internal static class DatasetLoading
{
    // A dataset name wins over a folder of the same name in the working directory (use ./name for that).
    public static bool IsFolder(string dataset) => !DatasetCatalog.Names.Contains(dataset) && Directory.Exists(dataset);

    /// <summary>The fetcher every command uses: all sources, cache under --data-dir when given.</summary>
    public static DatasetFetcher Fetcher(string? dataDir) => new(new DatasetFetchOptions { DataDir = dataDir });

    /// <summary>Checks the dataset name before anything is written.</summary>
    public static void EnsureKnown(string dataset)
    {
        if (IsFolder(dataset) || DatasetCatalog.Names.Contains(dataset)) return;
        if (PathCheck.Classify(dataset) is var kind and not PathKind.Missing)
            throw new LsganException($"The dataset {PathCheck.Describe(dataset, kind)}; give a folder of images or one of {string.Join(", ", DatasetCatalog.Names)}.");
        throw new LsganException($"Unknown dataset '{dataset}': expected {string.Join(", ", DatasetCatalog.Names)} or an existing folder of images.");
    }

    /// <summary>
    /// Training images [N, C, S, S] in [−1, 1] (a folder's resized to <paramref name="imageSize"/>, a built-in
    /// dataset's as they are) and their labels (int64 [N]) where the dataset has them; dispose the result.
    /// </summary>
    public static IDisposable LoadTrainImages(string dataset, string? dataDir, int channels, int imageSize, out Tensor images, out Tensor? labels)
    {
        var log = new Output.CallbackProgress<string>(message => Console.Error.WriteLine(message));
        if (IsFolder(dataset))
        {
            var folder = ImageFolder.Load(dataset, new ImageFolderOptions(channels, imageSize, imageSize), log);
            images = folder.Images;
            labels = null;
            return folder;
        }
        var set = ImageDataset.Load(dataset, DatasetSplit.Train, Fetcher(dataDir), log);
        images = set.Images;
        labels = set.Labels;
        return set;
    }

    /// <summary>The class count of a labelled dataset, for a conditional model; checked before anything is written.</summary>
    public static int ClassesOf(string dataset, string model)
    {
        if (IsFolder(dataset))
            throw new LsganException($"The {model} model needs class labels, which a plain image folder lacks; use {string.Join(" or ", DatasetCatalog.Names)}.");
        return DatasetCatalog.Get(dataset).ClassNames.Count;
    }
}
