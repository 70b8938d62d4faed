using System.Text.Json;
using System.Text.Json.Nodes;
using Lsgan.IO;
using Lsgan.Metrics;

namespace Lsgan.Training;

/// <summary>
/// One training run on disk (stylegan2-ada style): config.json, metrics.jsonl (the training log, one schema),
/// metric-evaluation.jsonl (--eval-every), samples/, checkpoints/, losses.png. A new run never reuses a directory
/// that already holds files, so no run is overwritten — except one that never started (see <see cref="CreateNew"/>).
/// A process that writes a run holds its <see cref="DirectoryLock"/> (see <see cref="Lock"/>).
/// </summary>
public sealed class RunDirectory : IDisposable
{
    private DirectoryLock? held;

    private RunDirectory(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>The file names every run directory uses: other code spells them through these.</summary>
    public const string ConfigFileName = "config.json", MetricsFileName = "metrics.jsonl";

    public string Path { get; }
    public string ConfigFile => Combine(ConfigFileName);
    public string MetricsFile => Combine(MetricsFileName);

    /// <summary>Whether <paramref name="directory"/> holds a run that began training: its config and its training log.</summary>
    public static bool HoldsTrainedRun(string directory) => File.Exists(ConfigFileOf(directory)) && HoldsTrainingLog(directory);

    /// <summary>Whether <paramref name="directory"/> holds a run's training log (it may have no checkpoint yet).</summary>
    public static bool HoldsTrainingLog(string directory) => File.Exists(System.IO.Path.Combine(directory, MetricsFileName));

    /// <summary>The config file of the run in <paramref name="directory"/>, without opening the run.</summary>
    public static string ConfigFileOf(string directory) => System.IO.Path.Combine(directory, ConfigFileName);

    /// <summary>The --eval-every lines, kept out of the training log as StyleGAN2-ADA keeps each metric in its own file.</summary>
    public string EvaluationMetricsFile => Combine("metric-evaluation.jsonl");
    public string LossPlotFile => Combine("losses.png");

    /// <summary>How the latest session ran (<see cref="RuntimeRecord"/>), apart from the experiment in config.json.</summary>
    public string RuntimeFile => Combine("runtime.json");
    public string SamplesDirectory => Combine("samples");
    public string CheckpointsDirectory => Combine("checkpoints");
    public string LatestCheckpoint => System.IO.Path.Combine(CheckpointsDirectory, "latest");

    /// <summary>
    /// Creates the directory for a new run: <paramref name="requested"/> when given (it must be absent, empty,
    /// or a run that never started: no checkpoint and no log, as a start that failed early leaves it), else the
    /// next numbered directory under <paramref name="runsRoot"/>, e.g. runs/00003-fashion-mnist-dcgan-ls.
    /// The returned run holds its lock.
    /// </summary>
    public static RunDirectory CreateNew(string? requested, string runsRoot, TrainConfig config)
    {
        string path = requested ?? NextNumbered(runsRoot, $"{config.Dataset}-{config.Model.Kind}-{config.Loss.Kind}");
        var run = new RunDirectory(path);
        try
        {
            if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
            {
                if (!run.NeverStarted())
                    throw new LsganException($"{path} already holds files; pick another --out, or continue that run with --resume {path}.");
                run.Lock();
                // Only what a start writes before its first checkpoint is here (NeverStarted checked each name).
                run.ClearUnstarted();
            }
            Directory.CreateDirectory(run.SamplesDirectory);
            Directory.CreateDirectory(run.CheckpointsDirectory);
            if (run.held is null) run.Lock();
            Json.WriteFile(run.ConfigFile, config);
            return run;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LsganException)
        {
            run.Dispose();
            if (e is LsganException) throw;
            throw new LsganException($"Cannot write the run directory {path}: {e.Message}", e);
        }
    }

    /// <summary>Opens an existing run to resume it (without its lock: see <see cref="Lock"/>).</summary>
    public static RunDirectory Open(string path)
    {
        var run = new RunDirectory(path);
        if (!Directory.Exists(path)) throw new LsganException($"{path} does not exist.");
        if (File.Exists(run.ConfigFile) && run.NeverStarted())
            throw new LsganException($"{path} was never started (it holds no checkpoint); start it again with --out {path}.");
        if (!File.Exists(run.ConfigFile) || !Directory.Exists(run.CheckpointsDirectory))
            throw new LsganException($"{path} is not a run directory (it needs config.json and checkpoints/).");
        return run;
    }

    /// <summary>
    /// Takes the run's lock for as long as this object lives: a second process that wants to write the run
    /// is refused, naming this one. Does nothing when this object holds it already.
    /// </summary>
    public void Lock() => held ??= DirectoryLock.Acquire(Path);

    /// <summary>Writes the experiment (a resumed run's adjusted epochs and step limit).</summary>
    public void WriteConfig(TrainConfig config) => Json.WriteFile(ConfigFile, config);

    public void Dispose()
    {
        held?.Dispose();
        held = null;
    }

    /// <summary>The experiment the run was started with (or last resumed with).</summary>
    public TrainConfig ReadConfig() => Json.ReadFile<TrainConfig>(ConfigFile, "run config");

    public void WriteRuntime(RuntimeRecord runtime) => Json.WriteFile(RuntimeFile, runtime);

    /// <summary>How the latest session ran; null for runs from before runtime.json.</summary>
    public RuntimeRecord? ReadRuntime() => File.Exists(RuntimeFile) ? Json.ReadFile<RuntimeRecord>(RuntimeFile, "runtime record") : null;

    public void AppendMetrics(MetricsRecord record) => Append(MetricsFile, JsonSerializer.Serialize(record, Json.Compact));

    /// <summary>An --eval-every line: step and epoch, the keys of evaluation.json, then whether the run counts as collapsed
    /// (<see cref="CollapseRule"/>) and why.</summary>
    public void AppendEvaluation(EvaluationRecord record)
    {
        var line = new JsonObject { ["step"] = record.Step, ["epoch"] = record.Epoch };
        foreach (var (key, value) in JsonSerializer.SerializeToNode(record.Evaluation, Json.Compact)!.AsObject())
            line[key] = value?.DeepClone();
        if (record.ConditionalAccuracy is { } accuracy)
        {
            line["conditional_accuracy"] = accuracy.Overall;
            line["conditional_accuracy_per_class"] = JsonSerializer.SerializeToNode(accuracy.PerClass, Json.Compact);
        }
        line["collapsed"] = record.Collapse is not null;
        if (record.Collapse is not null) line["collapse"] = record.Collapse;
        Append(EvaluationMetricsFile, line.ToJsonString(Json.Compact));
    }

    /// <summary>The lines of metrics.jsonl.</summary>
    public IReadOnlyList<MetricsRecord> ReadMetrics() =>
        ReadLines(MetricsFile).Where(IsTrainingLine).Select(n => n.Deserialize<MetricsRecord>(Json.Compact)!).ToList();

    /// <summary>The lines of metric-evaluation.jsonl, and those that runs before it existed wrote into metrics.jsonl.</summary>
    public IReadOnlyList<EvaluationRecord> ReadEvaluations() =>
        ReadLines(MetricsFile).Where(n => !IsTrainingLine(n)).Concat(ReadLines(EvaluationMetricsFile)).Select(n => new EvaluationRecord(
            (long)n["step"]!, (int)n["epoch"]!, n.Deserialize<EvaluationReport>(Json.Compact)!, (string?)n["collapse"])
        {
            ConditionalAccuracy = n["conditional_accuracy"] is { } overall
                ? new ConditionalAccuracyResult((double)overall, n["conditional_accuracy_per_class"]!.Deserialize<double[]>(Json.Compact)!)
                : null,
        }).OrderBy(e => e.Step).ToList();

    /// <summary>
    /// Drops the lines of both logs after <paramref name="step"/> (a run killed between checkpoints logged
    /// steps that the resumed run will do again) and a torn last line (a crash or a full disk mid-append).
    /// Returns a sentence for each torn line dropped.
    /// </summary>
    public IReadOnlyList<string> TrimMetricsAfter(long step)
    {
        var notes = new List<string>();
        foreach (string file in new[] { MetricsFile, EvaluationMetricsFile })
        {
            if (!File.Exists(file)) continue;
            var lines = JsonLines.Read(file, out bool torn);
            if (torn) notes.Add($"{file}: dropped its torn last line (left by a crash or a full disk mid-write).");
            var kept = lines.Where(n => (long)n["step"]! <= step);
            AtomicFile.WriteAllText(file, string.Concat(kept.Select(n => n.ToJsonString(Json.Compact) + "\n")));
        }
        return notes;
    }

    private static void Append(string file, string line) =>
        WriteFailure.Guard(file, () => File.AppendAllText(file, line + "\n"));

    private static bool IsTrainingLine(JsonObject line) => line.ContainsKey("d_loss");

    private static IReadOnlyList<JsonObject> ReadLines(string file) => File.Exists(file) ? JsonLines.Read(file, out _) : [];

    // What a start writes before its first checkpoint; a run holding only these (and no log) never started.
    private static readonly string[] UnstartedEntries =
        [ConfigFileName, "runtime.json", "samples", "checkpoints", DirectoryLock.FileName, DirectoryLock.OwnerFileName];

    private bool NeverStarted()
    {
        if (Checkpoint.Exists(Path) || File.Exists(MetricsFile)) return false;
        bool Only(string directory, params string[] names) => Directory.EnumerateFileSystemEntries(directory)
            .All(entry => names.Contains(System.IO.Path.GetFileName(entry)) || System.IO.Path.GetFileName(entry).StartsWith('.'));
        return Only(Path, UnstartedEntries)
            && (!Directory.Exists(SamplesDirectory) || Only(SamplesDirectory, "reals.png"))
            && (!Directory.Exists(CheckpointsDirectory) || Only(CheckpointsDirectory));
    }

    private void ClearUnstarted()
    {
        foreach (string name in new[] { ConfigFileName, "runtime.json" }) File.Delete(Combine(name));
        if (Directory.Exists(SamplesDirectory)) Directory.Delete(SamplesDirectory, recursive: true);
        if (Directory.Exists(CheckpointsDirectory)) Directory.Delete(CheckpointsDirectory, recursive: true);
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
