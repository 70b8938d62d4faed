using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Lsgan.Tests.Data;

/// <summary>Hand-built IDX files for tests.</summary>
public static class IdxBytes
{
    /// <summary>An unsigned-byte IDX file: header 00 00 08 rank, big-endian dims, then the payload.</summary>
    public static byte[] Build(int[] shape, byte[] payload, byte typeCode = 0x08)
    {
        var header = new byte[4 + 4 * shape.Length];
        header[2] = typeCode;
        header[3] = (byte)shape.Length;
        for (int i = 0; i < shape.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * i), (uint)shape[i]);
        return [.. header, .. payload];
    }

    /// <summary>A header claiming the given dims (as unsigned 32-bit values) with no data after it.</summary>
    public static byte[] HeaderOnly(params uint[] dims)
    {
        var header = new byte[4 + 4 * dims.Length];
        header[2] = 0x08;
        header[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * i), dims[i]);
        return header;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(raw);
        return output.ToArray();
    }

    public static string Sha256(byte[] raw) => Convert.ToHexStringLower(SHA256.HashData(raw));
}
