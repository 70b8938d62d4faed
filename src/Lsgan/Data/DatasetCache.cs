using System.Security.Cryptography;

namespace Lsgan.Data;

/// <summary>Finds and checks dataset files in a folder, where each is stored raw or as .gz.</summary>
public static class DatasetCache
{
    /// <summary>The path of <paramref name="name"/> or <paramref name="name"/>.gz in
    /// <paramref name="dir"/>, preferring the raw file, or null when neither exists.</summary>
    public static string? Find(string dir, string name)
    {
        string raw = Path.Combine(dir, name);
        if (File.Exists(raw))
            return raw;
        string gzip = raw + ".gz";
        return File.Exists(gzip) ? gzip : null;
    }

    /// <summary>
    /// Lower-case hex SHA-256 of the file's decompressed contents, or null when it claims to be gzip but
    /// cannot be decompressed (a corrupt file is a mismatch, not a crash).
    /// </summary>
    public static string? Sha256OfContents(string path)
    {
        try
        {
            using var stream = GzipDetector.OpenDecompressed(path, out _);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
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
