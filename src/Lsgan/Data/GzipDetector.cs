using System.IO.Compression;

namespace Lsgan.Data;

/// <summary>
/// Opens a data file whether it is stored raw or gzip-compressed, telling them apart by the gzip magic
/// bytes 1f 8b rather than by the file name, so a renamed copy still reads correctly.
/// </summary>
public static class GzipDetector
{
    /// <summary>True when the stream's next two bytes are the gzip magic; the position is restored.</summary>
    /// <param name="stream">A seekable stream.</param>
    public static bool IsGzip(Stream stream)
    {
        long start = stream.Position;
        Span<byte> magic = stackalloc byte[2];
        int read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = start;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading its decompressed bytes. <paramref name="rawLength"/> is
    /// the byte count when the file is raw and null when it is gzip (the decompressed size is unknown).
    /// Only a regular file is opened (see <see cref="PathCheck"/>): a named pipe would block here forever.
    /// </summary>
    public static Stream OpenDecompressed(string path, out long? rawLength)
    {
        var file = PathCheck.OpenRead(path, 1 << 16);
        if (IsGzip(file))
        {
            rawLength = null;
            return new GZipStream(file, CompressionMode.Decompress);
        }
        rawLength = file.Length;
        return file;
    }
}
