using System.Diagnostics;
using System.Text.Json;
using Lsgan.IO;
using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Experiments;

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

        // Separate generators for weights, data, noise and the evaluation's fixed z: changing one stream (e.g. the
        // number of evaluation points) leaves the others, and so the training, as they were.
        using var weights = new Generator((ulong)config.Seed * 4 + 1);
        using var data = new Generator((ulong)config.Seed * 4 + 2);
        using var noise = new Generator((ulong)config.Seed * 4 + 3);
        using var evaluationNoise = new Generator((ulong)config.Seed * 4 + 4);
        using var generator = new TanhMlp(config.LatentDim, config.Hidden, 2, weights);
        using var discriminator = new TanhMlp(2, config.Hidden, 1, weights);
        using var generatorOptimizer = config.Optimizer.Create(generator.parameters(), config.GeneratorLr);
        using var discriminatorOptimizer = config.Optimizer.Create(discriminator.parameters(), config.DiscriminatorLr);
        var loss = config.Loss.Create();
        using var fixedZ = randn([config.EvalPoints, config.LatentDim], generator: evaluationNoise);

        var records = new List<MixtureRecord>();
        var clock = Stopwatch.StartNew();
        for (int step = 1; step <= config.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var real = config.Layout.Sample(config.BatchSize, data);
            var fake = generator.call(randn([config.BatchSize, config.LatentDim], generator: noise));

            // (1) update D: real points toward b, generated ones toward a
            var dLoss = loss.DiscriminatorLoss(discriminator.call(real), discriminator.call(fake.detach()));
            discriminatorOptimizer.zero_grad();
            dLoss.backward();
            discriminatorOptimizer.step();

            // (2) update G through the updated D, toward c (D's gradients from this are cleared before its next step)
            var gLoss = loss.GeneratorLoss(discriminator.call(fake));
            generatorOptimizer.zero_grad();
            gLoss.backward();
            generatorOptimizer.step();

            if (step % config.EvalEvery != 0 && step != config.Steps) continue;
            var record = Evaluate(config, generator, fixedZ, step, dLoss.item<float>(), gLoss.item<float>(), clock.Elapsed, dir);
            records.Add(record);
            progress?.Report(record);
            if (!double.IsFinite(record.DLoss) || !double.IsFinite(record.GLoss)) break;
        }
        return records;
    }

    private static MixtureRecord Evaluate(MixtureConfig config, TanhMlp generator, Tensor fixedZ, int step, double dLoss,
        double gLoss, TimeSpan elapsed, string dir)
    {
        float[] points;
        using (no_grad())
        using (var scope = NewDisposeScope())
            points = generator.call(fixedZ).data<float>().ToArray();
        var coverage = MixtureEvaluation.Measure(points, config.Layout, config.MinimumPerMode);
        var record = new MixtureRecord(step, dLoss, gLoss, coverage.ModesCovered, coverage.ModeCount,
            coverage.HighQualityFraction, coverage.KlFromUniform, elapsed.TotalSeconds);
        File.AppendAllText(Path.Combine(dir, LogFile), JsonSerializer.Serialize(record, Json.Compact) + "\n");
        MixturePlot.Save(points, config.Layout, PicturePath(dir, step),
            $"step {step} · {config.Loss.Create().Describe()} · {coverage.ModesCovered}/{coverage.ModeCount} modes");
        return record;
    }
}
