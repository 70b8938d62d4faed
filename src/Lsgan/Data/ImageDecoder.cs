using SkiaSharp;

namespace Lsgan.Data;

/// <summary>
/// Decodes one image file strictly: only a regular file is opened, the size in its header is checked against
/// <see cref="ImageFiles.MaxImageSide"/> before any pixel memory is allocated, and a file whose pixel data
/// ends early or is damaged is an error. (SKBitmap.Decode returns whatever part of a truncated file it could
/// read, padded with blank rows, which would train on half-images without a word.)
/// </summary>
internal static class ImageDecoder
{
    /// <summary>The size in <paramref name="path"/>'s header, checked against the limit, without decoding.</summary>
    public static (int Height, int Width) SizeOf(string path)
    {
        using var stream = PathCheck.OpenRead(path);
        using var codec = Open(stream, path);
        return (codec.Info.Height, codec.Info.Width);
    }

    /// <summary>The whole image at <paramref name="path"/> in its own colour type; the caller disposes it.</summary>
    public static SKBitmap Decode(string path)
    {
        using var stream = PathCheck.OpenRead(path);
        return Decode(stream, path);
    }

    /// <summary>
    /// The whole image in <paramref name="stream"/> (PNG, JPEG, WebP …) in its own colour type, with the same checks;
    /// <paramref name="name"/> says what it is in errors. The caller disposes the bitmap.
    /// </summary>
    public static SKBitmap Decode(Stream stream, string name)
    {
        string path = name;
        using var codec = Open(stream, path);
        // The codec's own colour type, premultiplied as SKBitmap.Decode does, so accepted files decode to the
        // same pixels as before.
        var info = codec.Info;
        if (info.AlphaType == SKAlphaType.Unpremul)
            info.AlphaType = SKAlphaType.Premul;
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result == SKCodecResult.Success)
            return bitmap;
        bitmap.Dispose();
        throw result is SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput
            ? Truncated(path)
            : new LsganException($"{path} could not be decoded (Skia reports {result}).");
    }

    private static SKCodec Open(Stream stream, string path)
    {
        var codec = SKCodec.Create(stream, out var result);
        if (codec is null)
            throw result is SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput
                ? Truncated(path)
                : new LsganException($"{path} is not a PNG or JPEG image that can be decoded.");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width > ImageFiles.MaxImageSide || height > ImageFiles.MaxImageSide)
        {
            codec.Dispose();
            throw new LsganException(
                $"{path} says it is {width}x{height} pixels, more than the {ImageFiles.MaxImageSide} per side lsgan "
                + "decodes; shrink it first (a header this large in a small file is a damaged or hostile image).");
        }
        return codec;
    }

    private static LsganException Truncated(string path) =>
        new($"{path} is truncated or corrupt: its image data ends early or is damaged.");
}
