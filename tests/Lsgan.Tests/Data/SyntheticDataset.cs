using Lsgan.Data;

namespace Lsgan.Tests.Data;

/// <summary>
/// A tiny IDX dataset made in the test: 3 training and 2 test images of 2x3 pixels, 3 classes, with the
/// checksums of its own files, so fetch and load run end to end without the real data.
/// </summary>
public sealed class SyntheticDataset
{
    public const int Height = 2, Width = 3;

    public SyntheticDataset(string name = "synthetic", byte[]? trainPixels = null, byte[]? trainLabels = null,
        int[]? trainShape = null)
    {
        TrainPixels = trainPixels ?? [0, 255, 51, 1, 2, 3, 10, 20, 30, 40, 50, 60, 100, 110, 120, 130, 140, 150];
        Files = new Dictionary<string, byte[]>
        {
            [DatasetFile.TrainImages] = IdxBytes.Build(trainShape ?? [3, Height, Width], TrainPixels),
            [DatasetFile.TrainLabels] = IdxBytes.Build([(trainLabels ?? [0, 2, 1]).Length], trainLabels ?? [0, 2, 1]),
            [DatasetFile.TestImages] = IdxBytes.Build([2, Height, Width], [.. Enumerable.Range(0, 12).Select(i => (byte)(i * 20))]),
            [DatasetFile.TestLabels] = IdxBytes.Build([2], [1, 1]),
        };
        Info = new DatasetInfo(name,
            [.. Files.Select(f => new DatasetFile(f.Key, IdxBytes.Sha256(f.Value)))],
            ["zero", "one", "two"], Channels: 1, Height: Height, Width: Width);
    }

    public byte[] TrainPixels { get; }

    /// <summary>Decompressed IDX bytes by file name.</summary>
    public IReadOnlyDictionary<string, byte[]> Files { get; }

    public DatasetInfo Info { get; }

    /// <summary>Writes every file into <paramref name="dir"/>, gzip-compressed as name.gz or raw.</summary>
    public void WriteTo(string dir, bool gzip)
    {
        Directory.CreateDirectory(dir);
        foreach (var (name, raw) in Files)
            File.WriteAllBytes(Path.Combine(dir, gzip ? name + ".gz" : name), gzip ? IdxBytes.Gzip(raw) : raw);
    }
}
