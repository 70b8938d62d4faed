using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Data;

/// <summary>
/// A user's folder of PNG/JPEG images (searched recursively, in sorted path order so runs are
/// reproducible) loaded into one float32 tensor [N, C, H, W] in [-1, 1], like <see cref="ImageDataset"/>.
/// </summary>
public sealed class ImageFolder : IDisposable
{
    private ImageFolder(Tensor images, IReadOnlyList<string> paths)
    {
        Images = images;
        Paths = paths;
    }

    /// <summary>All images, float32 [N, C, H, W] in [-1, 1].</summary>
    public Tensor Images { get; }

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
        if (PathCheck.Classify(folder) is var kind and not PathKind.Folder)
            throw new LsganException($"The image folder {folder} {PathCheck.Predicate(folder, kind)}.");

        string[] paths = ImageFileList.Find(folder, options.MaxImages);
        if (paths.Length == 0)
            throw new LsganException($"The image folder {folder} contains no .png, .jpg or .jpeg files.");

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
        return new ImageFolder(images, paths);
    }

    // The images become one float32 array and then a tensor copied from it, so twice their size must fit in
    // memory, and the array in one .NET array. Checked before any image is decoded.
    private static void CheckFits(string folder, int count, int channels, int height, int width)
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

    /// <summary>Frees the native tensor.</summary>
    public void Dispose() => Images.Dispose();
}
