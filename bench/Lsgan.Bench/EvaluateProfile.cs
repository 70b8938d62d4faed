using System.Diagnostics;
using Lsgan.Features;
using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>
/// Per-stage time of what 'lsgan evaluate' computes for N real and N generated images: feature extraction
/// through an untrained <see cref="FeatureClassifier"/> (time does not depend on weights), then each metric
/// alone (precision/recall and density/coverage also separately, though the evaluator shares their work),
/// then <see cref="EvaluationReport.FromFeatures"/> on the same features.
/// Images are uniform noise in [−1, 1]. Prints one line per stage with the load average beside it, since the
/// machine is shared and a time means little without it.
/// </summary>
public static class EvaluateProfile
{
    public static int Run(int threads, int count, int repeats)
    {
        set_num_threads(threads);
        Console.WriteLine($"evaluate profile: {count} + {count} images, {threads} thread(s), best of {repeats}; load {LoadAverage()}");
        manual_seed(0);
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig());
        using var realImages = rand(count, 1, 28, 28) * 2 - 1;
        using var generatedImages = rand(count, 1, 28, 28) * 2 - 1;

        Tensor realFeatures = null!, generatedFeatures = null!, generatedLogits = null!;
        double total = 0;
        total += Time("extract real", repeats, () =>
        {
            realFeatures?.Dispose();
            (realFeatures, var logits) = ClassifierFeatures.Extract(classifier, realImages);
            logits.Dispose();
        });
        total += Time("extract generated", repeats, () =>
        {
            generatedFeatures?.Dispose();
            generatedLogits?.Dispose();
            (generatedFeatures, generatedLogits) = ClassifierFeatures.Extract(classifier, generatedImages);
        });

        var sum = 0.0;
        sum += Time("fid", repeats, () => FrechetDistance.Compute(realFeatures, generatedFeatures));
        Time("precision/recall", repeats, () => PrecisionRecall.Compute(realFeatures, generatedFeatures));
        Time("density/coverage", repeats, () => DensityCoverage.Compute(realFeatures, generatedFeatures));
        sum += Time("k-NN: P/R + D/C", repeats, () => NearestNeighbourMetrics.Compute(realFeatures, generatedFeatures));
        sum += Time("kid", repeats, () => KernelInceptionDistance.Compute(realFeatures, generatedFeatures));
        sum += Time("classes + score", repeats, () =>
        {
            using var scope = NewDisposeScope();
            ClassCoverage.Compute(generatedLogits.argmax(1), 10);
            ClassifierScore.FromLogits(generatedLogits, ClassifierScore.DefaultSplits);
        });
        Console.WriteLine($"{"sum of metrics",-22} {sum,8:F2} s");

        EvaluationReport report = null!;
        var metrics = Time("GanEvaluator (features)", repeats, () =>
            report = EvaluationReport.FromFeatures(realFeatures, generatedFeatures, generatedLogits, 10));
        Console.WriteLine($"{"total (extract + eval)",-22} {total + metrics,8:F2} s");
        Console.WriteLine(
            $"report: fid {report.Fid:G6} P {report.Precision:G6} R {report.Recall:G6} D {report.Density:G6} C {report.Coverage:G6} " +
            $"KID {report.Kid:G6} ± {report.KidStd:G4}");
        realFeatures.Dispose();
        generatedFeatures.Dispose();
        generatedLogits.Dispose();
        return 0;
    }

    // Best of `repeats`: on a shared machine the minimum is the least disturbed run.
    private static double Time(string stage, int repeats, Action action)
    {
        var times = new List<double>();
        string loadBefore = LoadAverage();
        for (var i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        var stats = Stats.Of(times);
        Console.WriteLine($"{stage,-22} {stats.Min,8:F2} s  (median {stats.Median:F2}, max {stats.Max:F2}; load {loadBefore} → {LoadAverage()})");
        return stats.Min;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
