using System.Security.Cryptography;
using System.Text;

namespace Lsgan.Features;

/// <summary>
/// Saves and loads <see cref="FeatureClassifier"/> weights. Metrics are only comparable when computed with
/// exactly the same network, so loading requires the file's SHA-256: a retrained or damaged file fails
/// loudly instead of silently shifting every FID. The file holds the 8 ASCII bytes <c>LSGANFC1</c>, the
/// <see cref="FeatureClassifierConfig"/> as three little-endian int32 (width, feature dimension, class
/// count), then TorchSharp's state dictionary.
/// </summary>
public static class ClassifierWeights
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("LSGANFC1");

    /// <summary>Writes the classifier to <paramref name="path"/> and returns the file's SHA-256 as lowercase hex.</summary>
    public static string Save(FeatureClassifier classifier, string path)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using (var stream = File.Create(path))
            using (var writer = new BinaryWriter(stream))
            {
                writer.Write(Magic);
                writer.Write(classifier.Config.Width);
                writer.Write(classifier.Config.FeatureDimension);
                writer.Write(classifier.Config.ClassCount);
                classifier.save(writer);
            }

            return ComputeSha256(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"Could not write the classifier weights file '{path}': {e.Message}", e);
        }
    }

    /// <summary>
    /// The classifier an evaluation uses: the weights file at <paramref name="path"/> when one is given, else the
    /// one shipped for <paramref name="dataset"/>; returned with the SHA-256 that identifies it in reports and caches.
    /// </summary>
    public static (FeatureClassifier Classifier, string Sha256) LoadFileOrShipped(string? path, string dataset)
    {
        if (path is not null)
        {
            var sha = ComputeSha256(path);
            return (Load(path, sha), sha);
        }

        var shipped = ShippedClassifiers.For(dataset);
        return (shipped.Load(), shipped.Sha256);
    }

    /// <summary>The SHA-256 of a file as 64 lowercase hex digits.</summary>
    public static string ComputeSha256(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new LsganException($"The classifier weights file '{path}' does not exist.");
        }

        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Loads a classifier saved by <see cref="Save"/>, in eval mode, after checking that the file's SHA-256
    /// equals <paramref name="expectedSha256"/> (hex, any case). Throws <see cref="LsganException"/> when
    /// the file is missing, its hash differs, or it is not a classifier weights file.
    /// </summary>
    public static FeatureClassifier Load(string path, string expectedSha256)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(expectedSha256);
        var expected = expectedSha256.Trim();
        if (expected.Length != 64 || !expected.All(Uri.IsHexDigit))
        {
            throw new LsganException($"The expected SHA-256 of the classifier weights must be 64 hex digits, but it is '{expectedSha256}'.");
        }

        var actual = ComputeSha256(path);
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new LsganException(
                $"The classifier weights file '{path}' has SHA-256 {actual} instead of the expected {expected.ToLowerInvariant()}, so it is damaged or comes from a different training run.");
        }

        return Read(path);
    }

    private static FeatureClassifier Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        FeatureClassifier? classifier = null;
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new LsganException($"The file '{path}' is not a classifier weights file (its header is not LSGANFC1).");
            }

            var config = new FeatureClassifierConfig(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            classifier = new FeatureClassifier(config);
            classifier.load(reader, strict: true);
            if (stream.Position != stream.Length)
            {
                throw new LsganException($"The classifier weights file '{path}' has unexpected data after its weights.");
            }

            classifier.eval();
            return classifier;
        }
        catch (Exception e) when (e is IOException or ArgumentException or LsganException)
        {
            classifier?.Dispose();
            throw e as LsganException
                  ?? new LsganException($"The classifier weights file '{path}' could not be read as a feature classifier: {e.Message}", e);
        }
    }
}
