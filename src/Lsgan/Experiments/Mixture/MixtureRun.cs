using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lsgan.IO;
using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Experiments.Mixture;

/// <summary>
/// Trains G and D on a Gaussian mixture and measures mode coverage every <see cref="MixtureConfig.EvalEvery"/> steps
/// on a fixed set of generated points. Writes into its directory: config.json, mixture.jsonl (one
/// <see cref="MixtureRecord"/> per evaluation) and points/step-NNNNNNN.png (the points with the true modes marked).
/// </summary>
public static class MixtureRun
{
    public const string ConfigFile = "config.json";
    public const string LogFile = "mixture.jsonl";
    public const string PointsFolder = "points";

    /// <summary>The picture of the evaluation at <paramref name="step"/>.</summary>
    public static string PicturePath(string dir, int step) => Path.Combine(dir, PointsFolder, $"step-{step:D7}.png");

    /// <summary>The generated points of the evaluation at <paramref name="step"/>: a line "x,y" per point.</summary>
    public static string PointsPath(string dir, int step) => Path.Combine(dir, PointsFolder, $"step-{step:D7}.csv");

    /// <summary>The points <see cref="PointsPath"/> holds, as x0, y0, x1, y1, ….</summary>
    public static float[] ReadPoints(string dir, int step)
    {
        string path = PointsPath(dir, step);
        if (!File.Exists(path)) throw new LsganException($"{path} is missing.");
        var values = new List<float>();
        foreach (string line in File.ReadLines(path))
        {
            var parts = line.Split(',');
            if (parts.Length != 2 || !float.TryParse(parts[0], CultureInfo.InvariantCulture, out float x)
                || !float.TryParse(parts[1], CultureInfo.InvariantCulture, out float y))
                throw new LsganException($"{path} has a line that is not 'x,y': '{line}'.");
            values.Add(x);
            values.Add(y);
        }
        return [.. values];
    }

    /// <summary>
    /// Writes the figure of <paramref name="runs"/> side by side over time, like the paper's: a row per run (its
    /// label, e.g. the loss), a column per evaluation step, and a last column of real points of the mixture.
    /// </summary>
    public static void SaveFigure(IReadOnlyList<(string Label, string Dir)> runs, MixtureLayout layout, string path)
    {
        var cells = new List<MixturePlot.Cell>();
        int pointCount = 0;
        foreach (var (label, dir) in runs)
        {
            foreach (var record in ReadLog(dir))
            {
                var points = ReadPoints(dir, record.Step);
                pointCount = Math.Max(pointCount, points.Length / 2);
                cells.Add(new MixturePlot.Cell(label, $"step {record.Step}", points,
                    $"{record.ModesCovered}/{record.ModeCount} modes, HQ {record.HighQualityFraction:P0}"));
            }
        }
        if (cells.Count == 0) throw new LsganException("The figure needs at least one evaluation.");
        using var random = new Generator(0);
        using var real = layout.Sample(pointCount, random);
        cells.Add(new MixturePlot.Cell(runs[0].Label, MixturePlot.RealColumn, real.data<float>().ToArray(), $"{pointCount} samples of the mixture"));
        MixturePlot.SaveFigure(cells, layout, path);
    }

    /// <summary>The evaluations of the run in <paramref name="dir"/>, from its log.</summary>
    public static IReadOnlyList<MixtureRecord> ReadLog(string dir) =>
        [.. File.ReadLines(Path.Combine(dir, LogFile)).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<MixtureRecord>(l, Json.Compact)
                ?? throw new LsganException($"{Path.Combine(dir, LogFile)} has an empty line."))];

    /// <summary>
    /// The evaluations of the run of <paramref name="config"/> in <paramref name="dir"/> if it finished: its log reaches
    /// the last step, or ends where a loss went non-finite. Null if it was cut off (a run has no checkpoints: it starts
    /// again). Throws when <paramref name="dir"/> holds a run of other settings.
    /// </summary>
    public static IReadOnlyList<MixtureRecord>? Finished(MixtureConfig config, string dir)
    {
        EnsureSameSettings(config, dir);
        if (!File.Exists(Path.Combine(dir, ConfigFile)) || !File.Exists(Path.Combine(dir, LogFile))) return null;
        IReadOnlyList<MixtureRecord> records;
        try
        {
            records = ReadLog(dir);
        }
        catch (JsonException)
        {
            return null; // cut off while appending its last line
        }
        if (records.Count == 0) return null;
        var last = records[^1];
        bool ended = last.Step == config.Steps || !double.IsFinite(last.DLoss) || !double.IsFinite(last.GLoss);
        return ended ? records : null;
    }

    /// <summary>Throws when <paramref name="dir"/> holds a run (its config.json) of other settings than <paramref name="config"/>.</summary>
    public static void EnsureSameSettings(MixtureConfig config, string dir)
    {
        string configPath = Path.Combine(dir, ConfigFile);
        if (File.Exists(configPath) && Json.ReadFile<MixtureConfig>(configPath, "mixture settings") != config)
            throw new LsganException($"{dir} holds a run with other settings than these; choose a new --out directory.");
    }

    /// <summary>
    /// Runs <paramref name="config"/> into <paramref name="dir"/> (created; must be new or empty) and returns its
    /// evaluations. Deterministic for a seed at a fixed libtorch thread count. A loss that turns NaN or infinite ends
    /// the run after recording that evaluation.
    /// </summary>
    public static IReadOnlyList<MixtureRecord> Run(MixtureConfig config, string dir, IProgress<MixtureRecord>? progress = null,
        CancellationToken cancellation = default)
    {
        config.EnsureValid();
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new LsganException($"{dir} is not empty; choose a new --out directory.");
        Directory.CreateDirectory(Path.Combine(dir, PointsFolder));
        Json.WriteFile(Path.Combine(dir, ConfigFile), config);

        using var trainer = new MixtureTrainer(config);
        var records = new List<MixtureRecord>();
        var clock = Stopwatch.StartNew();
        for (int step = 1; step <= config.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var (dLoss, gLoss) = trainer.Step();
            if (step % config.EvalEvery != 0 && step != config.Steps) continue;
            var record = Evaluate(config, trainer.FixedPoints(), step, dLoss.item<float>(), gLoss.item<float>(), clock.Elapsed, dir);
            records.Add(record);
            progress?.Report(record);
            if (!double.IsFinite(record.DLoss) || !double.IsFinite(record.GLoss)) break;
        }
        return records;
    }

    private static MixtureRecord Evaluate(MixtureConfig config, float[] points, int step, double dLoss, double gLoss,
        TimeSpan elapsed, string dir)
    {
        var coverage = MixtureEvaluation.Measure(points, config.Layout, config.MinimumPerMode);
        var near = MixtureEvaluation.Measure(points, config.Layout, config.MinimumPerMode, MixtureEvaluation.NearRadius(config.Layout));
        var record = new MixtureRecord(step, dLoss, gLoss, coverage.ModesCovered, coverage.ModeCount,
            coverage.HighQualityFraction, coverage.KlFromUniform, near.ModesCovered, near.HighQualityFraction, elapsed.TotalSeconds);
        AtomicFile.Write(PointsPath(dir, step), temporary => File.WriteAllLines(temporary, Enumerable.Range(0, points.Length / 2)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{points[2 * i]:R},{points[2 * i + 1]:R}"))));
        MixturePlot.Save(points, config.Layout, PicturePath(dir, step),
            $"step {step} · {config.Loss.Create().Describe()} · {coverage.ModesCovered}/{coverage.ModeCount} modes");
        // The log line last: a line in the log means its points and picture are written (a resume trusts it).
        File.AppendAllText(Path.Combine(dir, LogFile), JsonSerializer.Serialize(record, Json.Compact) + "\n");
        return record;
    }
}
