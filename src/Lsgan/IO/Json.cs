using System.Text.Json;

namespace Lsgan.IO;

/// <summary>The JSON conventions of every file lsgan writes: snake_case keys, as in stylegan2-ada's run files.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Indented = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static readonly JsonSerializerOptions Compact = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Writes <paramref name="value"/> to a temporary file first, so a crash never leaves half a file.</summary>
    public static void WriteFile<T>(string path, T value) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Indented));

    /// <summary>Reads a JSON file, turning every way it can fail into one <see cref="LsganException"/>.</summary>
    public static T ReadFile<T>(string path, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Indented)
                ?? throw new LsganException($"{path} holds no {what}.");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new LsganException($"Cannot read the {what} in {path}: {FirstLine(e.Message)}", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
