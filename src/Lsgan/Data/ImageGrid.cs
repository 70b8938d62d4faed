using System.Runtime.InteropServices;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Data;

/// <summary>Tiles a batch of images in [−1, 1] into one PNG, like torchvision's make_grid.</summary>
public static class ImageGrid
{
    /// <summary>Pixels between tiles, filled with black.</summary>
    private const int Padding = 2;

    /// <summary>Writes <paramref name="images"/> ([N, C, H, W], C = 1 or 3) as a PNG with <paramref name="columns"/> tiles a row (0 = square).</summary>
    public static void Save(Tensor images, string path, int columns = 0, int scale = 1)
    {
        using var grid = Render(images, columns, scale);
        WritePng(grid, path);
    }

    /// <summary>The grid that <see cref="Save"/> writes, as a bitmap (8-bit grey for one channel, RGBA for three).</summary>
    public static SKBitmap Render(Tensor images, int columns = 0, int scale = 1)
    {
        byte[] pixels = ToBytes(images, out int count, out int channels, out int height, out int width);
        if (columns <= 0) columns = (int)Math.Ceiling(Math.Sqrt(count));
        int rows = (count + columns - 1) / columns;
        int tileH = height * scale, tileW = width * scale;
        int gridW = columns * (tileW + Padding) + Padding, gridH = rows * (tileH + Padding) + Padding;

        var info = new SKImageInfo(gridW, gridH, channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        int bytesPerPixel = channels == 1 ? 1 : 4;
        var grid = new byte[gridW * gridH * bytesPerPixel];
        if (bytesPerPixel == 4) for (int i = 3; i < grid.Length; i += 4) grid[i] = 255;

        for (int n = 0; n < count; n++)
        {
            int left = Padding + n % columns * (tileW + Padding), top = Padding + n / columns * (tileH + Padding);
            for (int y = 0; y < tileH; y++)
                for (int x = 0; x < tileW; x++)
                    for (int c = 0; c < channels; c++)
                    {
                        int source = ((n * height + y / scale) * width + x / scale) * channels + c;
                        grid[((top + y) * gridW + left + x) * bytesPerPixel + c] = pixels[source];
                    }
        }
        var bitmap = new SKBitmap(info);
        Marshal.Copy(grid, 0, bitmap.GetPixels(), grid.Length);
        return bitmap;
    }

    /// <summary>Writes <paramref name="bitmap"/> to <paramref name="path"/> as a PNG, atomically.</summary>
    public static void WritePng(SKBitmap bitmap, string path)
    {
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        IO.AtomicFile.Write(path, temporary =>
        {
            using var file = File.Create(temporary);
            png.SaveTo(file);
        });
    }

    /// <summary>Converts [N, C, H, W] in [−1, 1] to interleaved bytes [N, H, W, C] in 0..255.</summary>
    public static byte[] ToBytes(Tensor images, out int count, out int channels, out int height, out int width)
    {
        if (images.dim() != 4 || images.shape[1] is not (1 or 3))
            throw new ArgumentException($"Expected images [N, 1 or 3, H, W], got [{string.Join(", ", images.shape)}].");
        (count, channels, height, width) = ((int)images.shape[0], (int)images.shape[1], (int)images.shape[2], (int)images.shape[3]);
        using var scope = NewDisposeScope();
        var bytes = ((images.detach().cpu().to(float32) + 1) * 127.5).round().clamp(0, 255).to(ScalarType.Byte)
            .permute(0, 2, 3, 1).contiguous();
        return bytes.data<byte>().ToArray();
    }
}
