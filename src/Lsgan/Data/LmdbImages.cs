using System.Text;
using TorchSharp;

namespace Lsgan.Data;

/// <summary>
/// A folder holding an LMDB database (data.mdb) whose values are encoded images (JPEG, PNG or WebP): the way the
/// LSUN scene categories are distributed. Every value is decoded, centre-cropped to a square and resized, as LSUN
/// loaders do, into one float32 tensor [N, C, S, S] in [-1, 1]; the set has no labels. Nothing is written into the
/// folder (no lock file: the database is read as a file, see <see cref="LmdbReader"/>).
/// </summary>
public static class LmdbImages
{
    /// <summary>The database file LMDB keeps in its folder.</summary>
    public const string DataFile = "data.mdb";

    /// <summary>True when <paramref name="folder"/> holds a data.mdb (of any kind: loading checks it).</summary>
    public static bool IsDatabase(string folder) =>
        PathCheck.Classify(Path.Combine(folder, DataFile)) != PathKind.Missing;

    /// <summary>Reads the first <see cref="LmdbOptions.MaxImages"/> images of the database in <paramref name="folder"/>.</summary>
    public static ImageDataset Load(string folder, LmdbOptions options, IProgress<string>? progress = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new LsganException($"Invalid LMDB options: {string.Join(" ", errors)}");
        string path = Path.Combine(folder, DataFile);
        PathCheck.RequireFile(path, "lsgan reads an LMDB database only from a regular data.mdb file");

        using var reader = LmdbReader.Open(path);
        int count = (int)Math.Min(reader.Entries, options.MaxImages ?? int.MaxValue);
        if (count == 0)
            throw new LsganException($"The LMDB database {path} holds no entries.");
        int size = options.ImageSize;
        ImageFolder.CheckFits(folder, count, options.Channels, size, size);
        long imageSize = (long)options.Channels * size * size;
        var data = new float[count * imageSize];
        progress?.Report($"Reading {count} of the {reader.Entries} images in {path}");
        int i = 0;
        foreach (var (key, value) in reader.Read())
        {
            if (i == count)
                break;
            string name = $"The value of key '{KeyText(key)}' in {path}";
            using (var stream = new MemoryStream(value, writable: false))
            using (var decoded = ImageDecoder.Decode(stream, name))
                ImageFiles.WriteCentreCrop(decoded, options.Channels, size, data.AsSpan((int)(i * imageSize), (int)imageSize), name);
            if (++i % 1000 == 0)
                progress?.Report($"Decoded {i} of {count} images from {path}");
        }

        var images = torch.tensor(data, [count, options.Channels, size, size]);
        return ImageDataset.FromTensors(images, null, [], $"The LMDB database {folder}");
    }

    // LSUN's keys are hex digests, printed as they are; any other bytes are shown as hex.
    private static string KeyText(byte[] key) =>
        key.All(b => b is >= 0x20 and < 0x7F) ? Encoding.ASCII.GetString(key) : "0x" + Convert.ToHexStringLower(key);
}
