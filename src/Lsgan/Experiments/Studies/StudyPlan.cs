using System.Text.Json;
using Lsgan.IO;

namespace Lsgan.Experiments.Studies;

/// <summary>
/// What a study is (study.json in its directory): the grid's axes and settings, the seeds, and the train options
/// fixed for every run. Written by every shard alike, so shards of one study agree and a different study is refused.
/// </summary>
/// <param name="Name">The preset's name or the study file's.</param>
/// <param name="Axes">The grid's axes; settings are their product, the first axis varying slowest.</param>
/// <param name="Settings">The grid's cells.</param>
/// <param name="Seeds">Each setting runs once per seed.</param>
/// <param name="FixedArguments">Train options every run shares.</param>
public sealed record StudyPlan(
    string Name,
    IReadOnlyList<StudyAxis> Axes,
    IReadOnlyList<StudySetting> Settings,
    IReadOnlyList<long> Seeds,
    IReadOnlyList<string> FixedArguments)
{
    public const string FileName = "study.json";

    /// <summary>Every (setting, seed) pair, setting by setting: the order shards split.</summary>
    public IEnumerable<(StudySetting Setting, long Seed)> Grid() => Settings.SelectMany(s => Seeds.Select(seed => (s, seed)));

    /// <summary>The runs of shard <paramref name="index"/> (1-based) of <paramref name="count"/>: every count-th run of the grid.</summary>
    public static IReadOnlyList<T> Shard<T>(IReadOnlyList<T> runs, int index, int count)
    {
        if (count < 1 || index < 1 || index > count) throw new LsganException($"A shard is K/N with 1 ≤ K ≤ N, got {index}/{count}.");
        return runs.Where((_, i) => i % count == index - 1).ToList();
    }

    /// <summary>Writes study.json into <paramref name="directory"/>, refusing one that holds another study.</summary>
    public void Save(string directory)
    {
        string path = Path.Combine(directory, FileName);
        string text = JsonSerializer.Serialize(this, Json.Indented);
        if (File.Exists(path) && File.ReadAllText(path) != text)
            throw new LsganException($"{directory} holds another study ({path} differs from this one's); give another --out, or the same options as before.");
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(path, text);
    }

    /// <summary>Reads study.json from a study directory.</summary>
    public static StudyPlan Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new LsganException($"{directory} is not a study directory (it has no {FileName}).");
        return Json.ReadFile<StudyPlan>(path, "study plan");
    }
}
