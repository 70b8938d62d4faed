using SkiaSharp;

namespace Lsgan.Tests.Data;

/// <summary>Writes small solid-colour image files with SkiaSharp for image-folder tests.</summary>
public static class TestImages
{
    public static void WriteSolid(string path, SKColor color, int width, int height,
        SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var encoded = bitmap.Encode(format, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var output = File.Create(path);
        encoded.SaveTo(output);
    }
}
