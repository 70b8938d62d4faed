using System.Text;

namespace Lsgan.Metrics;

/// <summary>
/// Saves and loads <see cref="FeatureStatistics"/> so the real data's μ and Σ are computed once per
/// feature classifier and reused by every evaluation. The format is small and self-describing:
/// the 8 ASCII bytes <c>LSGANFS1</c>, then little-endian int64 N, int32 D, D float64 means and
/// D × D float64 covariance entries (row-major).
/// </summary>
public static class FeatureStatisticsFile
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("LSGANFS1");

    // Larger than any feature layer we use, small enough that a corrupt header cannot make us
    // allocate gigabytes before the length check catches it.
    private const int MaxDimension = 16_384;

    /// <summary>Writes <paramref name="statistics"/> to <paramref name="path"/>, replacing any file there.</summary>
    public static void Save(FeatureStatistics statistics, string path)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var stream = File.Create(path);
            using var writer = new BinaryWriter(stream);
            writer.Write(Magic);
            writer.Write(statistics.Count);
            writer.Write(statistics.Dimension);
            foreach (var value in statistics.Mean)
            {
                writer.Write(value);
            }

            foreach (var value in statistics.Covariance)
            {
                writer.Write(value);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"Could not write the feature statistics file '{path}': {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads statistics written by <see cref="Save"/>. Throws <see cref="LsganException"/> when the file is
    /// missing, is not a statistics file, or is truncated.
    /// </summary>
    public static FeatureStatistics Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new LsganException($"The feature statistics file '{path}' does not exist.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new LsganException($"The file '{path}' is not a feature statistics file (its header is not LSGANFS1).");
            }

            var count = reader.ReadInt64();
            var dimension = reader.ReadInt32();
            var expectedLength = Magic.Length + sizeof(long) + sizeof(int) + ((long)dimension + (long)dimension * dimension) * sizeof(double);
            if (dimension < 1 || dimension > MaxDimension || stream.Length != expectedLength)
            {
                throw new LsganException(
                    $"The feature statistics file '{path}' is truncated or corrupt: its header says {dimension} dimensions, which does not match its length of {stream.Length} bytes.");
            }

            var mean = ReadDoubles(reader, dimension);
            var covariance = ReadDoubles(reader, dimension * dimension);
            return new FeatureStatistics(count, mean, covariance);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"Could not read the feature statistics file '{path}': {e.Message}", e);
        }
    }

    private static double[] ReadDoubles(BinaryReader reader, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadDouble();
        }

        return values;
    }
}
