using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Data;

/// <summary>
/// A dataset held whole in memory: images as one float32 tensor [N, C, H, W] scaled to [-1, 1] (the range of the
/// generator's tanh output) and, when it has them, labels as int64 [N]. One split of an IDX dataset is loaded with
/// <see cref="Load(string, DatasetSplit, DatasetFetcher, IProgress{string}?)"/>; the LMDB and hanzi loaders build
/// theirs from tensors.
/// </summary>
public sealed class ImageDataset : IImageSet
{
    private readonly Tensor? labels;
    private readonly string source;

    private ImageDataset(Tensor images, Tensor? labels, IReadOnlyList<string> classNames, string source)
    {
        Images = images;
        this.labels = labels;
        this.source = source;
        ClassNames = classNames;
        Count = (int)images.shape[0];
    }

    /// <summary>All images, float32 [N, C, H, W] in [-1, 1].</summary>
    public Tensor Images { get; }

    /// <inheritdoc/>
    public bool HasLabels => labels is not null;

    /// <summary>All labels, int64 [N], each below <see cref="ClassNames"/>.Count.</summary>
    public Tensor Labels => labels ?? throw NoLabels(source);

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>Label names in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>
    /// Takes ownership of <paramref name="images"/> (float32 [N, C, H, W] in [-1, 1]) and <paramref name="labels"/>
    /// (int64 [N] below <paramref name="classNames"/>.Count, or null for an unlabelled set); <paramref name="source"/>
    /// names the data in messages.
    /// </summary>
    internal static ImageDataset FromTensors(Tensor images, Tensor? labels, IReadOnlyList<string> classNames,
        string source) => new(images, labels, classNames, source);

    /// <summary>The error for asking an unlabelled set for its labels.</summary>
    internal static LsganException NoLabels(string source) => new(
        $"{source} has no class labels; a conditional model needs a labelled dataset: mnist, fashion-mnist, hanzi, "
        + "or an image folder with one sub-folder per class.");

    /// <summary>Fetches (if needed) and loads a split of the built-in dataset called <paramref name="name"/>.</summary>
    public static ImageDataset Load(string name, DatasetSplit split, DatasetFetcher fetcher,
        IProgress<string>? progress = null) =>
        Load(DatasetCatalog.Get(name), split, fetcher, progress);

    /// <summary>Fetches (if needed) and loads a split of <paramref name="dataset"/>.</summary>
    public static ImageDataset Load(DatasetInfo dataset, DatasetSplit split, DatasetFetcher fetcher,
        IProgress<string>? progress = null)
    {
        string dir = fetcher.Fetch(dataset, progress);
        string imagesPath = DatasetCache.Find(dir, DatasetFile.ImagesName(split))!;
        string labelsPath = DatasetCache.Find(dir, DatasetFile.LabelsName(split))!;
        progress?.Report($"Loading {imagesPath}");
        var images = IdxReader.Read(imagesPath);
        var labels = IdxReader.Read(labelsPath);
        Validate(dataset, images, imagesPath, labels, labelsPath);
        return FromIdx(dataset, images, labels);
    }

    /// <summary>Builds the tensors from already-read IDX arrays (validated by the caller).</summary>
    private static ImageDataset FromIdx(DatasetInfo dataset, IdxArray images, IdxArray labels)
    {
        // One tensor from the whole byte array, then whole-tensor ops: per-image tensors would be
        // 60,000 native allocations.
        using var rawImages = torch.tensor(images.Data,
            [images.Count, dataset.Channels, dataset.Height, dataset.Width], ScalarType.Byte);
        var scaled = rawImages.to_type(ScalarType.Float32).div_(127.5).sub_(1.0);
        using var rawLabels = torch.tensor(labels.Data, [labels.Count], ScalarType.Byte);
        return new ImageDataset(scaled, rawLabels.to_type(ScalarType.Int64), dataset.ClassNames, dataset.Name);
    }

    private static void Validate(DatasetInfo dataset, IdxArray images, string imagesPath, IdxArray labels,
        string labelsPath)
    {
        // IDX images carry no channel dimension, so only single-channel datasets fit this layout.
        int[] expected = [images.Count, dataset.Height, dataset.Width];
        if (dataset.Channels != 1 || !images.Shape.SequenceEqual(expected))
            throw new LsganException(
                $"{imagesPath} has shape [{string.Join(", ", images.Shape)}] but {dataset.Name} needs N x {dataset.Height} x {dataset.Width} single-channel images.");
        if (labels.Shape.Length != 1 || labels.Count != images.Count)
            throw new LsganException(
                $"{labelsPath} has shape [{string.Join(", ", labels.Shape)}] but should hold one label for each of the {images.Count} images.");
        int bad = Array.FindIndex(labels.Data, l => l >= dataset.ClassNames.Count);
        if (bad >= 0)
            throw new LsganException(
                $"{labelsPath} has label {labels.Data[bad]} at index {bad}, but {dataset.Name} has only {dataset.ClassNames.Count} classes.");
    }

    /// <summary>Frees the native tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        labels?.Dispose();
    }
}
