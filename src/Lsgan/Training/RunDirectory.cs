using System.Text.Json;
using Lsgan.IO;

namespace Lsgan.Training;

/// <summary>
/// One training run on disk (stylegan2-ada style): config.json, metrics.jsonl, samples/, checkpoints/,
/// losses.png. A new run never reuses a directory that already holds files, so no run is overwritten.
/// </summary>
public sealed class RunDirectory
{
    private RunDirectory(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }
    public string ConfigFile => Combine("config.json");
    public string MetricsFile => Combine("metrics.jsonl");
    public string LossPlotFile => Combine("losses.png");
    public string SamplesDirectory => Combine("samples");
    public string CheckpointsDirectory => Combine("checkpoints");
    public string LatestCheckpoint => System.IO.Path.Combine(CheckpointsDirectory, "latest");

    /// <summary>
    /// Creates the directory for a new run: <paramref name="requested"/> when given (it must be absent or
    /// empty), else the next numbered directory under <paramref name="runsRoot"/>, e.g. runs/00003-fashion-mnist-dcgan-ls.
    /// </summary>
    public static RunDirectory CreateNew(string? requested, string runsRoot, TrainConfig config)
    {
        string path = requested ?? NextNumbered(runsRoot, $"{config.Dataset}-{config.Model.Kind}-{config.Loss.Kind}");
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
            throw new LsganException($"{path} already holds files; pick another --out, or continue that run with --resume {path}.");
        try
        {
            var run = new RunDirectory(path);
            Directory.CreateDirectory(run.SamplesDirectory);
            Directory.CreateDirectory(run.CheckpointsDirectory);
            Json.WriteFile(run.ConfigFile, config);
            return run;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"Cannot write the run directory {path}: {e.Message}", e);
        }
    }

    /// <summary>Opens an existing run to resume it.</summary>
    public static RunDirectory Open(string path)
    {
        var run = new RunDirectory(path);
        if (!Directory.Exists(path)) throw new LsganException($"{path} does not exist.");
        if (!File.Exists(run.ConfigFile) || !Directory.Exists(run.CheckpointsDirectory))
            throw new LsganException($"{path} is not a run directory (it needs config.json and checkpoints/).");
        return run;
    }

    public void AppendMetrics(MetricsRecord record) =>
        File.AppendAllText(MetricsFile, JsonSerializer.Serialize(record, Json.Compact) + "\n");

    public IReadOnlyList<MetricsRecord> ReadMetrics()
    {
        if (!File.Exists(MetricsFile)) return [];
        return File.ReadLines(MetricsFile)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<MetricsRecord>(line, Json.Compact)!)
            .ToList();
    }

    /// <summary>
    /// Drops metric lines logged after <paramref name="step"/>: a run killed between checkpoints logged
    /// steps that the resumed run will do again.
    /// </summary>
    public IReadOnlyList<MetricsRecord> TrimMetricsAfter(long step)
    {
        var kept = ReadMetrics().Where(r => r.Step <= step).ToList();
        AtomicFile.WriteAllText(MetricsFile, string.Concat(kept.Select(r => JsonSerializer.Serialize(r, Json.Compact) + "\n")));
        return kept;
    }

    private string Combine(string name) => System.IO.Path.Combine(Path, name);

    private static string NextNumbered(string root, string description)
    {
        int next = 0;
        if (Directory.Exists(root))
        {
            foreach (string directory in Directory.EnumerateDirectories(root))
            {
                string name = System.IO.Path.GetFileName(directory);
                int dash = name.IndexOf('-');
                if (dash > 0 && int.TryParse(name[..dash], out int number)) next = Math.Max(next, number + 1);
            }
        }
        return System.IO.Path.Combine(root, $"{next:D5}-{description}");
    }
}
