using System.Security.Cryptography;
using System.Text.Json;
using Lsgan.Data;
using Lsgan.IO;

namespace Lsgan.Evaluation;

/// <summary>
/// A cached real-data floor on disk: the floor and the SHA-256 of its compact JSON, so an edited or damaged entry is
/// never shown. Shared by <see cref="FloorCache"/> and <see cref="StackedMnistRunEvaluation"/>.
/// </summary>
internal static class FloorFile
{
    private sealed record Entry<T>(string Sha256, T Floor);

    /// <summary>Writes <paramref name="floor"/> with its checksum.</summary>
    public static void Write<T>(string path, T floor) => Json.WriteFile(path, new Entry<T>(Sha256Of(floor), floor));

    /// <summary>
    /// The cached floor, or null when the entry is missing, damaged, edited, from an older format, not a floor at all
    /// or refused by <paramref name="isValid"/>: it is then recomputed and rewritten. Anything but a regular file there
    /// (a FIFO would block) is an error.
    /// </summary>
    public static T? TryRead<T>(string path, Func<T, bool> isValid) where T : class
    {
        if (!File.Exists(path)) return null;
        Entry<T>? entry;
        try
        {
            using var stream = PathCheck.OpenRead(path);
            entry = JsonSerializer.Deserialize<Entry<T>>(stream, Json.Indented);
        }
        catch (JsonException)
        {
            return null;
        }
        if (entry?.Floor is not { } floor || entry.Sha256 != Sha256Of(floor)) return null;
        return isValid(floor) ? floor : null;
    }

    private static string Sha256Of<T>(T floor) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(floor, Json.Compact)));
}
