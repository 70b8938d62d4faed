using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Data;

/// <summary>Reads and writes single images as [C, H, W] data in [-1, 1], the generator's output range.</summary>
public static class ImageFiles
{
    /// <summary>
    /// The largest width or height decoded. A decoded image takes 4 bytes a pixel before resizing, so this caps
    /// one image at 8192 x 8192 = 64 megapixels, 256 MiB; a 48-megapixel camera photo (8000 x 6000) still fits,
    /// while a small file whose header claims 60000 x 60000 (a decompression bomb) is refused before decoding.
    /// </summary>
    public const int MaxImageSide = 8192;

    // ITU-R BT.601 luma weights, the ones PIL's convert("L") uses, so grayscale matches common tooling.
    private const float RedWeight = 0.299f, GreenWeight = 0.587f, BlueWeight = 0.114f;

    /// <summary>
    /// Writes <paramref name="image"/> ([1 or 3, H, W], values in [-1, 1]) as a PNG, mapping -1..1 to
    /// 0..255 and clamping values outside. Creates the folder if needed.
    /// </summary>
    public static void SavePng(Tensor image, string path)
    {
        if (image.dim() != 3 || image.shape[0] is not (1 or 3))
            throw new ArgumentException($"Expected an image tensor [1 or 3, H, W], got [{string.Join(", ", image.shape)}].", nameof(image));
        int channels = (int)image.shape[0], height = (int)image.shape[1], width = (int)image.shape[2];
        byte[] planes;
        using (torch.NewDisposeScope())
        {
            planes = ToBytes(image.detach().cpu()).contiguous().data<byte>().ToArray();
        }

        // Skia wants interleaved pixels; the tensor holds one plane per channel.
        var info = new SKImageInfo(width, height, channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        byte[] pixels = channels == 1 ? planes : Interleave(planes, height * width);
        using var skImage = SKImage.FromPixelCopy(info, pixels, info.RowBytes);
        using var png = skImage.Encode(SKEncodedImageFormat.Png, 100);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
            Directory.CreateDirectory(dir);
        // Opening a named pipe for writing blocks until a reader appears; a folder or broken link cannot be written.
        if (PathCheck.Classify(path) is not (PathKind.Missing or PathKind.File))
            PathCheck.RequireFile(path, "lsgan writes images only to regular files, so remove it or choose another path");
        using var output = File.Create(path);
        png.SaveTo(output);
    }

    /// <summary>
    /// Decodes the image at <paramref name="path"/>, resizes it to <paramref name="width"/> x
    /// <paramref name="height"/> when it differs, and writes its [C, H, W] values in [-1, 1] into
    /// <paramref name="destination"/>. Alpha is ignored. A truncated or damaged file, one larger than
    /// <see cref="MaxImageSide"/>, or anything but a regular file is an <see cref="LsganException"/> naming it.
    /// </summary>
    public static void DecodeInto(string path, int channels, int height, int width, Span<float> destination)
    {
        using var decoded = ImageDecoder.Decode(path);
        WritePlanes(decoded, channels, height, width, destination, path);
    }

    /// <summary>
    /// Resizes <paramref name="decoded"/> to <paramref name="width"/> x <paramref name="height"/> (as
    /// <see cref="DecodeInto"/> does) and writes its [C, H, W] values in [-1, 1] into <paramref name="destination"/>;
    /// <paramref name="name"/> says what the image is in errors.
    /// </summary>
    internal static void WritePlanes(SKBitmap decoded, int channels, int height, int width, Span<float> destination,
        string name)
    {
        using var rgba = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (!decoded.ScalePixels(rgba, Sampling(decoded.Width, decoded.Height, width, height)))
            throw new LsganException($"{name} could not be converted to {width}x{height} RGB.");

        ReadOnlySpan<byte> pixels = rgba.GetPixelSpan();
        int plane = height * width;
        for (int i = 0; i < plane; i++)
        {
            float r = pixels[4 * i], g = pixels[4 * i + 1], b = pixels[4 * i + 2];
            if (channels == 1)
            {
                destination[i] = Gray(r, g, b);
            }
            else
            {
                destination[i] = Scale(r);
                destination[plane + i] = Scale(g);
                destination[2 * plane + i] = Scale(b);
            }
        }
    }

    /// <summary>
    /// Crops the centred square of <paramref name="decoded"/>'s shorter side and resizes it to
    /// <paramref name="size"/> x <paramref name="size"/>: the same pixels as resizing the shorter side to
    /// <paramref name="size"/> and then cropping the centre, as LSUN loaders do (torchvision's Resize then
    /// CenterCrop), up to where an odd margin puts the half pixel (here: on the far side).
    /// </summary>
    internal static void WriteCentreCrop(SKBitmap decoded, int channels, int size, Span<float> destination, string name)
    {
        int side = Math.Min(decoded.Width, decoded.Height);
        var square = SKRectI.Create((decoded.Width - side) / 2, (decoded.Height - side) / 2, side, side);
        using var cropped = new SKBitmap();
        if (!decoded.ExtractSubset(cropped, square))
            throw new LsganException($"{name} could not be cropped to its centred {side}x{side} square.");
        WritePlanes(cropped, channels, size, size, destination, name);
    }

    /// <summary>
    /// The size of the image at <paramref name="path"/> without decoding its pixels; a size above
    /// <see cref="MaxImageSide"/> is an <see cref="LsganException"/>.
    /// </summary>
    public static (int Height, int Width) SizeOf(string path) => ImageDecoder.SizeOf(path);

    /// <summary>
    /// Returns <paramref name="images"/> (any shape, values in [-1, 1]) exactly as writing each one with
    /// <see cref="SavePng"/> and reading it back with <see cref="DecodeInto"/> would give them: 8-bit levels,
    /// mapped back with the same float arithmetic, so scores of the two agree to the last digit.
    /// Only grayscale round trips are exact this way (colour images differ in how a channel is decoded).
    /// </summary>
    public static Tensor QuantizeAsPng(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        using var levels = torch.tensor(GrayLevels.Value);
        var bytes = ToBytes(images.detach().cpu()).to_type(ScalarType.Int64);
        return levels.index_select(0, bytes.flatten()).view(images.shape).MoveToOuterDisposeScope();
    }

    // What DecodeInto makes of each gray level v (a PNG pixel with r = g = b = v).
    private static readonly Lazy<float[]> GrayLevels = new(() => Enumerable.Range(0, 256).Select(v => Gray(v, v, v)).ToArray());

    private static Tensor ToBytes(Tensor images) =>
        images.to_type(ScalarType.Float32).add(1).mul(127.5).round().clamp(0, 255).to_type(ScalarType.Byte);

    private static float Gray(float r, float g, float b) => Scale(RedWeight * r + GreenWeight * g + BlueWeight * b);

    private static float Scale(float value) => value / 127.5f - 1f;

    // Same size: a plain copy. Shrinking: mipmaps, since a cubic filter alone aliases at large factors.
    // Enlarging: Mitchell cubic, the filter Skia's old "high quality" setting meant.
    private static SKSamplingOptions Sampling(int fromWidth, int fromHeight, int toWidth, int toHeight) =>
        fromWidth == toWidth && fromHeight == toHeight ? new SKSamplingOptions(SKFilterMode.Nearest)
        : toWidth < fromWidth || toHeight < fromHeight ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
        : new SKSamplingOptions(SKCubicResampler.Mitchell);

    private static byte[] Interleave(byte[] planes, int plane)
    {
        var rgba = new byte[4 * plane];
        for (int i = 0; i < plane; i++)
        {
            rgba[4 * i] = planes[i];
            rgba[4 * i + 1] = planes[plane + i];
            rgba[4 * i + 2] = planes[2 * plane + i];
            rgba[4 * i + 3] = 255;
        }
        return rgba;
    }
}
