using System.Security.Cryptography;

namespace Lsgan.Data;

/// <summary>Finds and checks dataset files in a folder, where each is stored raw or as .gz.</summary>
public static class DatasetCache
{
    // No valid dataset file decompresses to more than the largest IDX payload plus its longest header (rank 4),
    // so hashing stops there: a gzip bomb in the cache costs seconds, not hours.
    private const long MaxContentBytes = IdxReader.MaxPayloadBytes + 4 + 4 * 4;

    /// <summary>
    /// The path of <paramref name="name"/> or <paramref name="name"/>.gz in <paramref name="dir"/>, preferring
    /// the raw file, or null when neither name is taken. Anything under either name that is not a regular file
    /// (a broken link, a named pipe, a folder …) is an <see cref="LsganException"/> naming it: it is neither read
    /// nor replaced by a fetched copy.
    /// </summary>
    public static string? Find(string dir, string name)
    {
        string raw = Path.Combine(dir, name);
        foreach (string path in new[] { raw, raw + ".gz" })
        {
            if (PathCheck.Classify(path) == PathKind.Missing)
                continue;
            PathCheck.RequireFile(path, "lsgan neither reads it nor replaces it, so remove it or put the real file there");
            return path;
        }
        return null;
    }

    /// <summary>
    /// Lower-case hex SHA-256 of the file's decompressed contents, or null when it claims to be gzip but
    /// cannot be decompressed or decompresses to more than any dataset file holds (a corrupt file is a
    /// mismatch, not a crash).
    /// </summary>
    public static string? Sha256OfContents(string path)
    {
        try
        {
            using var stream = GzipDetector.OpenDecompressed(path, out _);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                total += read;
                if (total > MaxContentBytes)
                    return null;
                hash.AppendData(buffer, 0, read);
            }
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>True when the file's decompressed contents have the checksum of <paramref name="file"/>.</summary>
    public static bool Matches(string path, DatasetFile file) =>
        string.Equals(Sha256OfContents(path), file.Sha256, StringComparison.OrdinalIgnoreCase);
}
