using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lsgan.IO;

/// <summary>Reads a JSON-lines log (one object per line), as lsgan appends them.</summary>
public static class JsonLines
{
    /// <summary>
    /// The objects of <paramref name="file"/>. A last line that does not parse and has no final newline was torn by
    /// a crash mid-append: it is left out and <paramref name="torn"/> is set. Any other bad line is an
    /// <see cref="LsganException"/> naming the file and the line number.
    /// </summary>
    public static IReadOnlyList<JsonObject> Read(string file, out bool torn)
    {
        torn = false;
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"Cannot read {file}: {e.Message.Split('\n')[0]}", e);
        }
        string[] lines = text.Split('\n');
        var objects = new List<JsonObject>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            bool last = i == lines.Length - 1;
            try
            {
                if (JsonNode.Parse(lines[i]) is JsonObject line && line["step"] is JsonValue step && step.TryGetValue(out long _))
                {
                    objects.Add(line);
                    continue;
                }
            }
            catch (JsonException)
            {
                // Torn (the last line, unterminated) or damaged: told apart below.
            }
            if (last)
            {
                torn = true;
                continue;
            }
            throw new LsganException($"{file} line {i + 1} is not a log line (a JSON object with a step); fix or delete that line.");
        }
        return objects;
    }
}
