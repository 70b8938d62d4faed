using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Lsgan.Tests.Data;

/// <summary>Image files that are broken in the ways real files break: cut short, lying headers.</summary>
public static class HostileImages
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A valid image of random pixels, so its compressed data is large and a cut lands inside it.</summary>
    public static byte[] Noise(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        var random = new Random(7);
        using var bitmap = new SKBitmap(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        using var encoded = bitmap.Encode(format, 90);
        return encoded.ToArray();
    }

    /// <summary>The first <paramref name="fraction"/> of <paramref name="bytes"/>, as an interrupted copy leaves.</summary>
    public static byte[] Truncated(byte[] bytes, double fraction) => bytes[..(int)(bytes.Length * fraction)];

    /// <summary>
    /// A well-formed grayscale PNG whose header claims <paramref name="width"/> x <paramref name="height"/> but
    /// whose data is a few hundred bytes: a decompression bomb.
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (gray), default compression, filter and interlace
        using var data = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionLevel.Fastest))
            zlib.Write(new byte[Math.Min(width + 1, 1 << 16)]);
        return [.. Signature, .. Chunk("IHDR", header), .. Chunk("IDAT", data.ToArray()), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] body)
    {
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. body];
        var chunk = new byte[4 + typed.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, body.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typed.Length), Crc32(typed));
        return chunk;
    }

    // PNG's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320), bit by bit: a few hundred bytes per test.
    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
