using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Data;

/// <summary>
/// A user's folder of PNG/JPEG images (searched recursively, in sorted path order so runs are
/// reproducible) loaded into one float32 tensor [N, C, H, W] in [-1, 1], like <see cref="ImageDataset"/>.
/// A folder with no image of its own but one sub-folder per class is labelled (see <see cref="FolderClasses"/>).
/// </summary>
public sealed class ImageFolder : IImageSet
{
    private readonly Tensor? labels;
    private readonly string folder;

    private ImageFolder(Tensor images, IReadOnlyList<string> paths, Tensor? labels, IReadOnlyList<string> classNames,
        string folder)
    {
        Images = images;
        Paths = paths;
        this.labels = labels;
        this.folder = folder;
        ClassNames = classNames;
    }

    /// <summary>All images, float32 [N, C, H, W] in [-1, 1].</summary>
    public Tensor Images { get; }

    /// <summary>True when the folder holds one sub-folder per class and no image of its own.</summary>
    public bool HasLabels => labels is not null;

    /// <summary>Int64 [N]: the index of each image's class sub-folder in <see cref="ClassNames"/>.</summary>
    public Tensor Labels => labels ?? throw ImageDataset.NoLabels($"The image folder {folder} (it holds images of its own)");

    /// <summary>The class sub-folders' names in ordinal order; empty for an unlabelled folder.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The image files in tensor order.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The number of images.</summary>
    public int Count => Paths.Count;

    /// <summary>Loads every .png, .jpg and .jpeg file under <paramref name="folder"/>.</summary>
    public static ImageFolder Load(string folder, ImageFolderOptions options, IProgress<string>? progress = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new LsganException($"Invalid image-folder options: {string.Join(" ", errors)}");
        string[] paths = ImagePaths(folder, options.MaxImages);
        var classes = FolderClasses.Of(folder, paths);

        var (height, width) = options is { Height: int h, Width: int w } ? (h, w) : ImageFiles.SizeOf(paths[0]);
        long imageSize = (long)options.Channels * height * width;
        CheckFits(folder, paths.Length, options.Channels, height, width);
        var data = new float[paths.Length * imageSize];
        for (int i = 0; i < paths.Length; i++)
        {
            if (options.Height is null && ImageFiles.SizeOf(paths[i]) != (height, width))
                throw new LsganException(
                    $"{paths[i]} is not {width}x{height} like {paths[0]}; give a target image size to resize them all.");
            ImageFiles.DecodeInto(paths[i], options.Channels, height, width,
                data.AsSpan((int)(i * imageSize), (int)imageSize));
            if ((i + 1) % 1000 == 0)
                progress?.Report($"Loaded {i + 1} of {paths.Length} images from {folder}");
        }

        var images = torch.tensor(data, [paths.Length, options.Channels, height, width]);
        var labels = classes is { Labels: var l } ? torch.tensor(l) : null;
        return new ImageFolder(images, paths, labels, classes?.Names ?? [], folder);
    }

    /// <summary>
    /// The class names a folder's sub-folders give (as <see cref="Load"/> would label it) without decoding any image:
    /// null for an unlabelled folder (images of its own); a folder without images or with an empty class sub-folder
    /// is an <see cref="LsganException"/>. Lets a conditional model be built before the images are loaded.
    /// </summary>
    public static IReadOnlyList<string>? ClassNamesOf(string folder, int maxImages = ImageFolderOptions.DefaultMaxImages)
    {
        string[] paths = ImagePaths(folder, maxImages);
        return FolderClasses.Of(folder, paths)?.Names;
    }

    private static string[] ImagePaths(string folder, int maxImages)
    {
        if (PathCheck.Classify(folder) is var kind and not PathKind.Folder)
            throw new LsganException($"The image folder {folder} {PathCheck.Predicate(folder, kind)}.");
        string[] paths = ImageFileList.Find(folder, maxImages);
        if (paths.Length == 0)
            throw new LsganException($"The image folder {folder} contains no .png, .jpg or .jpeg files.");
        return paths;
    }

    // The images become one float32 array and then a tensor copied from it, so twice their size must fit in
    // memory, and the array in one .NET array. Checked before any image is decoded.
    internal static void CheckFits(string folder, int count, int channels, int height, int width)
    {
        long values = (long)count * channels * height * width;
        long bytes = 2 * sizeof(float) * values;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (values <= Array.MaxLength && bytes <= available)
            return;
        throw new LsganException(
            $"The {count} images of {folder} at {channels}x{height}x{width} would take {bytes / (1 << 20)} MiB as "
            + $"float32 while loading, more than lsgan can hold ({available / (1 << 20)} MiB of memory, "
            + $"{Array.MaxLength} values in one array); use fewer or smaller images.");
    }

    /// <summary>Frees the native tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        labels?.Dispose();
    }
}
