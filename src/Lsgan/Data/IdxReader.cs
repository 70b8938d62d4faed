using System.Buffers.Binary;
using System.IO.Compression;

namespace Lsgan.Data;

/// <summary>
/// Reads IDX files (LeCun et al., "The MNIST database"), raw or gzip-compressed. The header is checked
/// against the real amount of data before anything it claims is allocated, so a corrupt header fails
/// with an <see cref="LsganException"/> instead of an out-of-memory error.
/// </summary>
public static class IdxReader
{
    /// <summary>
    /// The largest payload accepted: 1 GiB, twenty times MNIST's largest file (47 MB). A header claiming
    /// more is taken as corrupt; a byte[] could not hold much more anyway.
    /// </summary>
    public const long MaxPayloadBytes = 1L << 30;

    private const byte UnsignedByteType = 0x08;

    // Gzip payloads grow from this size as data actually arrives, so a lying header costs at most
    // twice the bytes really present.
    private const int InitialGzipBuffer = 1 << 20;

    /// <summary>Reads the IDX file at <paramref name="path"/>, detecting gzip by its magic bytes.</summary>
    public static IdxArray Read(string path)
    {
        if (PathCheck.Classify(path) == PathKind.Missing)
            throw new LsganException($"The IDX file {path} does not exist.");
        try
        {
            using var stream = GzipDetector.OpenDecompressed(path, out long? length);
            return ReadCore(stream, path, length);
        }
        catch (InvalidDataException e)
        {
            throw new LsganException($"{path} is not a valid gzip file ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Reads an IDX array from <paramref name="stream"/>; <paramref name="name"/> is used in error messages.
    /// A seekable stream may be gzip; a non-seekable one must already be decompressed.
    /// </summary>
    public static IdxArray Read(Stream stream, string name)
    {
        if (stream.CanSeek && GzipDetector.IsGzip(stream))
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            return ReadCore(gzip, name, null);
        }
        return ReadCore(stream, name, stream.CanSeek ? stream.Length - stream.Position : null);
    }

    private static IdxArray ReadCore(Stream stream, string name, long? totalLength)
    {
        Span<byte> head = stackalloc byte[4];
        if (stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
            throw new LsganException($"{name} is shorter than the 4-byte IDX header.");
        if (head[0] != 0 || head[1] != 0)
            throw new LsganException(
                $"{name} is not an IDX file: it starts with {head[0]:x2} {head[1]:x2} instead of 00 00.");
        if (head[2] != UnsignedByteType)
            throw new LsganException(
                $"{name} holds IDX type code 0x{head[2]:x2} ({TypeName(head[2])}), but only 0x08 (unsigned byte) is supported.");
        int rank = head[3];
        if (rank is < 1 or > 4)
            throw new LsganException($"{name} declares {rank} dimensions, but IDX files here must have 1 to 4.");

        Span<byte> dims = stackalloc byte[4 * rank];
        if (stream.ReadAtLeast(dims, dims.Length, throwOnEndOfStream: false) < dims.Length)
            throw new LsganException($"{name} is truncated inside its IDX header.");
        var shape = new int[rank];
        long claimed = 1;
        for (int i = 0; i < rank; i++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(dims.Slice(4 * i, 4));
            if (size == 0)
                throw new LsganException($"{name} has an IDX header whose dimension {i} is 0.");
            // claimed <= 2^30 and size < 2^32 here, so the product cannot overflow a long.
            claimed *= size;
            if (claimed > MaxPayloadBytes)
                throw new LsganException(
                    $"{name} has an IDX header claiming more than {MaxPayloadBytes} bytes of data, so it is probably corrupt.");
            shape[i] = (int)size;
        }

        return new IdxArray(shape, totalLength is long total
            ? ReadKnownLength(stream, name, claimed, total - 4 - dims.Length)
            : ReadUnknownLength(stream, name, claimed));
    }

    private static byte[] ReadKnownLength(Stream stream, string name, long claimed, long available)
    {
        if (available < claimed)
            throw new LsganException(
                $"{name} is truncated: its IDX header promises {claimed} data bytes but only {available} follow.");
        if (available > claimed)
            throw new LsganException(
                $"{name} has {available - claimed} trailing bytes after the {claimed} data bytes its IDX header promises.");
        var data = new byte[claimed];
        stream.ReadExactly(data);
        return data;
    }

    private static byte[] ReadUnknownLength(Stream stream, string name, long claimed)
    {
        var data = new byte[Math.Min(claimed, InitialGzipBuffer)];
        int filled = 0;
        while (filled < claimed)
        {
            if (filled == data.Length)
                Array.Resize(ref data, (int)Math.Min(claimed, 2L * data.Length));
            int read = stream.Read(data, filled, data.Length - filled);
            if (read == 0)
                throw new LsganException(
                    $"{name} is truncated: its IDX header promises {claimed} data bytes but only {filled} follow.");
            filled += read;
        }
        if (stream.ReadByte() != -1)
            throw new LsganException(
                $"{name} has trailing bytes after the {claimed} data bytes its IDX header promises.");
        return data;
    }

    private static string TypeName(byte code) => code switch
    {
        0x09 => "signed byte",
        0x0B => "short",
        0x0C => "int",
        0x0D => "float",
        0x0E => "double",
        _ => "unknown",
    };
}
