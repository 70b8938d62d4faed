using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Lsgan.IO;
using static TorchSharp.torch;

namespace Lsgan.Features;

/// <summary>
/// Keeps a feature matrix on disk so a fixed image set (the test set) goes through the classifier once per
/// classifier instead of once per evaluation. The file is the 8 ASCII bytes <c>LSGANFT1</c>, a little-endian
/// int32 byte count and that many UTF-8 bytes of key, int64 rows, int64 columns, the SHA-256 of the payload,
/// then rows × columns float32 values (row-major, little-endian). A file whose key, length or checksum does
/// not match is never returned: <see cref="GetOrCompute"/> recomputes and replaces it.
/// </summary>
public static class FeatureCache
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("LSGANFT1");

    // A key is a short description such as "fashion-mnist test <sha256>"; the bound stops a corrupt length
    // from making us allocate before the other checks fail.
    private const int MaxKeyBytes = 4096;

    /// <summary>
    /// The cache file for <paramref name="split"/> of a dataset under its cache directory (where
    /// <c>DatasetFetcher.CacheDirOf</c> keeps the dataset), for the classifier with SHA-256
    /// <paramref name="classifierSha256"/>. Pass the full hash as part of the key too: the file name holds 16 digits.
    /// </summary>
    public static string PathFor(string datasetCacheDirectory, string split, string classifierSha256)
    {
        ArgumentException.ThrowIfNullOrEmpty(datasetCacheDirectory);
        ArgumentException.ThrowIfNullOrEmpty(split);
        if (classifierSha256 is not { Length: >= 16 })
        {
            throw new ArgumentException("A classifier SHA-256 has 64 hex digits.", nameof(classifierSha256));
        }

        return Path.Combine(datasetCacheDirectory, $"features-{split}-{classifierSha256[..16].ToLowerInvariant()}.lsganft");
    }

    /// <summary>
    /// Returns the features cached at <paramref name="path"/> under <paramref name="key"/>, or calls
    /// <paramref name="compute"/> (which must return a float32 matrix [N, D]), writes its result
    /// there (atomically, creating the directory) and returns it. The caller owns the returned tensor.
    /// </summary>
    public static Tensor GetOrCompute(string path, string key, Func<Tensor> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (TryLoad(path, key, out var cached))
        {
            return cached;
        }

        var features = compute();
        Save(path, key, features);
        return features;
    }

    /// <summary>Writes <paramref name="features"/> (float32 [N, D]) under <paramref name="key"/>, replacing any file at <paramref name="path"/>.</summary>
    public static void Save(string path, string key, Tensor features)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 2 || features.dtype != ScalarType.Float32)
        {
            throw new LsganException(
                $"Only float32 feature matrices [samples, dimensions] can be cached, not {features.dtype} of shape [{string.Join(", ", features.shape)}].");
        }

        var keyBytes = Encoding.UTF8.GetBytes(key);
        if (keyBytes.Length > MaxKeyBytes)
        {
            throw new ArgumentException($"A feature cache key may have at most {MaxKeyBytes} bytes.", nameof(key));
        }

        using var scope = NewDisposeScope();
        var values = features.detach().cpu().contiguous().data<float>().ToArray();
        var payload = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        RequireLittleEndian();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            AtomicFile.Write(path, temporary =>
            {
                using var stream = File.Create(temporary);
                using var writer = new BinaryWriter(stream);
                writer.Write(Magic);
                writer.Write(keyBytes.Length);
                writer.Write(keyBytes);
                writer.Write(features.shape[0]);
                writer.Write(features.shape[1]);
                writer.Write(SHA256.HashData(payload));
                writer.Write(payload);
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"Could not write the feature cache '{path}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads features saved under <paramref name="key"/>. False when the file is missing, unreadable, not a
    /// feature cache, saved under another key, truncated or altered (checksum mismatch).
    /// </summary>
    public static bool TryLoad(string path, string key, [NotNullWhen(true)] out Tensor? features)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(key);
        features = null;
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var reader = new SpanReader(bytes);
        if (!reader.Take(Magic.Length).SequenceEqual(Magic)
            || !reader.TryInt32(out var keyLength) || keyLength is < 0 or > MaxKeyBytes
            || !reader.Take(keyLength).SequenceEqual(Encoding.UTF8.GetBytes(key))
            || !reader.TryInt64(out var rows) || !reader.TryInt64(out var columns)
            || rows < 0 || columns < 0 || (rows > 0 && columns > int.MaxValue / sizeof(float) / rows))
        {
            return false;
        }

        var checksum = reader.Take(SHA256.HashSizeInBytes);
        var payload = reader.Rest;
        if (checksum.Length != SHA256.HashSizeInBytes || payload.Length != rows * columns * sizeof(float)
            || !SHA256.HashData(payload).AsSpan().SequenceEqual(checksum))
        {
            return false;
        }

        RequireLittleEndian();
        features = tensor(MemoryMarshal.Cast<byte, float>(payload).ToArray(), [rows, columns], ScalarType.Float32);
        return true;
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The feature cache format is little-endian.");
        }
    }

    // Reads a byte array front to back; a read past the end yields a short span or false, never an exception.
    private ref struct SpanReader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> remaining = bytes;

        public readonly ReadOnlySpan<byte> Rest => remaining;

        public ReadOnlySpan<byte> Take(int count)
        {
            var taken = remaining[..Math.Min(count, remaining.Length)];
            remaining = remaining[taken.Length..];
            return taken;
        }

        public bool TryInt32(out int value)
        {
            var taken = Take(sizeof(int));
            value = taken.Length == sizeof(int) ? BitConverter.ToInt32(taken) : 0;
            return taken.Length == sizeof(int);
        }

        public bool TryInt64(out long value)
        {
            var taken = Take(sizeof(long));
            value = taken.Length == sizeof(long) ? BitConverter.ToInt64(taken) : 0;
            return taken.Length == sizeof(long);
        }
    }
}
