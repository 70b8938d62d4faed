using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Lsgan.Cli.Commands;

/// <summary>
/// Reads a study file, YAML or JSON (JSON is read as the YAML it also is):
/// <code>
/// name: my-study
/// seeds: 3
/// fixed: {model: mlp, epochs: 10}
/// axes:
///   loss: [bce, ls]                      # values of one train option
///   batchnorm:                           # labelled values, each a set of train options
///     nobn: {no-g-batchnorm: true, no-d-batchnorm: true}
///     bn: {g-batchnorm: true, d-batchnorm: true}
/// </code>
/// Option names are train's without the dashes; true stands for a switch, false leaves it out.
/// </summary>
internal static class StudyFile
{
    public static StudySpec Read(string path)
    {
        object? root;
        try
        {
            root = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is YamlException or IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"Cannot read the study file {path}: {e.Message.Split('\n')[0]}");
        }
        var map = root as Dictionary<object, object> ?? throw Bad(path, "it is not a map with 'axes' (and 'fixed', 'seeds', 'name')");
        foreach (var key in map.Keys.Select(k => k.ToString()).Where(k => k is not ("name" or "seeds" or "fixed" or "axes")))
            throw Bad(path, $"unknown key '{key}' (expected name, seeds, fixed, axes)");
        if (map.GetValueOrDefault("axes") is not Dictionary<object, object> { Count: > 0 } axes)
            throw Bad(path, "'axes' must map each axis name to its values");
        int? seeds = null;
        if (map.GetValueOrDefault("seeds") is { } s)
            seeds = int.TryParse(s.ToString(), out int n) && n >= 1 ? n : throw Bad(path, $"'seeds' must be a positive count, got '{s}'");
        var fixedOptions = map.GetValueOrDefault("fixed") is { } f ? Arguments(path, "fixed", f) : [];
        var axisList = axes.Select(axis => (axis.Key.ToString()!, Values(path, axis.Key.ToString()!, axis.Value))).ToList();
        string name = map.GetValueOrDefault("name")?.ToString() ?? Path.GetFileNameWithoutExtension(path);
        return new StudySpec(name, axisList, fixedOptions, seeds);
    }

    private static IReadOnlyList<(string Label, IReadOnlyList<string> Arguments)> Values(string path, string axis, object value) => value switch
    {
        // A list: values of the train option named like the axis.
        List<object> { Count: > 0 } list => list.Select(v => (Label(path, v), (IReadOnlyList<string>)[$"--{axis}", v.ToString()!])).ToList(),
        Dictionary<object, object> { Count: > 0 } labelled => labelled.Select(v => (Label(path, v.Key), Arguments(path, $"{axis}.{v.Key}", v.Value))).ToList(),
        _ => throw Bad(path, $"axis '{axis}' must be a list of values or a map of labelled option sets"),
    };

    private static string Label(string path, object value)
    {
        string label = value.ToString() ?? "";
        if (label.Length == 0 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '+'))
            throw Bad(path, $"'{label}' cannot name a run directory: use letters, digits, '.', '_' or '+'");
        return label;
    }

    private static IReadOnlyList<string> Arguments(string path, string where, object options)
    {
        if (options is not Dictionary<object, object> map) throw Bad(path, $"'{where}' must map train option names to values");
        var arguments = new List<string>();
        foreach (var (key, value) in map)
        {
            if (value is not string text) throw Bad(path, $"'{where}.{key}' must be a single value");
            if (text == "false") continue;
            arguments.Add($"--{key}");
            if (text != "true") arguments.Add(text);
        }
        return arguments;
    }

    private static LsganException Bad(string path, string why) => new($"The study file {path} is not usable: {why}.");
}
