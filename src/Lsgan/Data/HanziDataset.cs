using System.Diagnostics;
using System.Security.Cryptography;
using Lsgan.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Data;

/// <summary>
/// <c>--dataset hanzi</c>: a many-class stand-in for the paper's handwritten Chinese characters (HWDB1.0, which
/// cannot be downloaded here), synthesised, not handwritten: the first <see cref="HanziOptions.Classes"/> characters
/// of npm's hanzi-writer-data rendered to 28 x 28 with per-sample jitter (<see cref="HanziRenderer"/>). A set is
/// rendered once into the cache folder hanzi/ beside the tarball, with its SHA-256, and checked on every load.
/// Labels are the class indices; class names the characters.
/// </summary>
public static class HanziDataset
{
    /// <summary>The dataset's name on the command line and its cache folder.</summary>
    public const string Name = "hanzi";

    private const int ImageBytes = HanziRenderer.Size * HanziRenderer.Size;

    /// <summary>The cache file of a rendered set, named by everything that decides its bytes.</summary>
    public static string CacheFileOf(string dir, HanziOptions options) => Path.Combine(dir,
        $"rendered-v{HanziRenderer.Version}-c{options.Classes}-s{options.SamplesPerClass}-seed{options.Seed}.u8");

    /// <summary>Fetches the outlines if needed, renders the set unless it is cached, and loads it.</summary>
    public static ImageDataset Load(DatasetFetcher fetcher, HanziOptions options, IProgress<string>? progress = null,
        CancellationToken cancellation = default)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new LsganException($"Invalid hanzi options: {string.Join("; ", errors)}.");
        int count = checked(options.Classes * options.SamplesPerClass);
        ImageFolder.CheckFits("the hanzi set", count, 1, HanziRenderer.Size, HanziRenderer.Size);
        string dir = Path.Combine(fetcher.CacheRoot, Name);
        PathCheck.EnsureFolder(fetcher.CacheRoot, $"The data directory {fetcher.CacheRoot}", "give --data-dir a folder");
        PathCheck.EnsureFolder(dir, $"The {Name} folder {dir} in the data directory", "move it away or give --data-dir another folder");

        string tarball = HanziGlyphs.Fetch(dir, TimeSpan.FromMinutes(10), progress, cancellation);
        var order = HanziGlyphs.Order(HanziGlyphs.Characters(tarball));
        if (options.Classes > order.Count)
            throw new LsganException($"{HanziGlyphs.Package} holds {order.Count:N0} characters, fewer than the {options.Classes:N0} classes asked for.");
        string[] characters = [.. order.Take(options.Classes)];

        string cache = CacheFileOf(dir, options);
        byte[] pixels = ReadCached(cache, count) ?? RenderInto(cache, tarball, characters, options, progress);

        using var raw = torch.tensor(pixels, [count, 1, HanziRenderer.Size, HanziRenderer.Size], ScalarType.Byte);
        var images = raw.to_type(ScalarType.Float32).div_(127.5).sub_(1.0);
        var labels = torch.arange(options.Classes, ScalarType.Int64).repeat_interleave(options.SamplesPerClass);
        return ImageDataset.FromTensors(images, labels, characters, $"The {Name} set");
    }

    /// <summary>The cached bytes, or null when the set was never rendered (or its checksum never written).</summary>
    private static byte[]? ReadCached(string cache, int count)
    {
        string checksum = cache + ".sha256";
        if (PathCheck.Classify(cache) == PathKind.Missing || PathCheck.Classify(checksum) == PathKind.Missing)
            return null;
        PathCheck.RequireFile(cache, "lsgan neither reads it nor replaces it, so remove it");
        PathCheck.RequireFile(checksum, "lsgan neither reads it nor replaces it, so remove it");
        byte[] pixels = new FileInfo(cache).Length == (long)count * ImageBytes ? File.ReadAllBytes(cache) : [];
        if (pixels.Length == 0 || Convert.ToHexStringLower(SHA256.HashData(pixels)) != File.ReadAllText(checksum).Trim())
            throw new LsganException($"{cache} does not match its SHA-256 checksum in {checksum} (it is truncated or corrupt); delete both so the set is rendered again.");
        return pixels;
    }

    private static byte[] RenderInto(string cache, string tarball, string[] characters, HanziOptions options,
        IProgress<string>? progress)
    {
        progress?.Report($"Reading the outlines of {characters.Length:N0} characters from {tarball}");
        var strokes = HanziGlyphs.Strokes(tarball, characters);
        progress?.Report($"Rendering {characters.Length:N0} characters x {options.SamplesPerClass} samples (seed {options.Seed}) into {cache}");
        var clock = Stopwatch.StartNew();
        byte[] pixels = HanziRenderer.Render([.. characters.Select(c => strokes[c])], options.SamplesPerClass, options.Seed,
            progress is null ? null : new MonotoneCount(done => progress.ReportCount(done, characters.Length, $"rendering {characters.Length:N0} characters")));
        progress?.Report($"Rendered {pixels.Length / ImageBytes:N0} images in {clock.Elapsed.TotalSeconds:F1} s");
        // The data first, then its checksum: a set without a checksum counts as never rendered.
        AtomicFile.Write(cache, temporary => File.WriteAllBytes(temporary, pixels));
        AtomicFile.WriteAllText(cache + ".sha256", Convert.ToHexStringLower(SHA256.HashData(pixels)) + "\n");
        return pixels;
    }

    // Progress<T> posts to the thread pool, out of order; the renderer's counts are reported where they happen, and
    // since its threads may report 500 before 250, only a count above the last one goes on.
    private sealed class MonotoneCount(Action<int> report) : IProgress<int>
    {
        private readonly Lock gate = new();
        private int last;

        public void Report(int value)
        {
            lock (gate)
            {
                if (value <= last) return;
                last = value;
                report(value);
            }
        }
    }
}
