using Lsgan.Metrics;
using Lsgan.Training;
using SkiaSharp;

namespace Lsgan.Tests.Reporting;

/// <summary>Run directories written by hand (metrics, evaluations, grids, evaluation.json) for report tests: no training needed.</summary>
public static class ReportFixtures
{
    public const double EvaluatedFid = 12.345; // as written in evaluation.json below
    public const double FloorFid = 0.0321;

    public static string MakeRun(string parent, string name, int grids)
    {
        string path = Path.Combine(parent, name);
        using var run = RunDirectory.CreateNew(path, parent, new TrainConfig());
        for (int i = 1; i <= 4; i++) run.AppendMetrics(new MetricsRecord(50 * i, 1, 0.5 - 0.05 * i, 0.5 + 0.05 * i, 0.2 * i, -0.1 * i, 10 * i, 300));
        run.AppendEvaluation(new EvaluationRecord(100, 1, Report(20.5)));
        run.AppendEvaluation(new EvaluationRecord(200, 2, Report(EvaluatedFid)));
        Directory.CreateDirectory(run.SamplesDirectory);
        for (int i = 1; i <= grids; i++) WritePng(Path.Combine(run.SamplesDirectory, $"epoch-{i:0000}.png"), (byte)(40 * i));
        WritePng(Path.Combine(run.SamplesDirectory, "reals.png"), 255);
        File.WriteAllText(Path.Combine(path, "evaluation.json"),
            """{"fid": 12.345, "precision": 0.61, "classes_covered": 9, "real_floor": {"fid": 0.0321, "precision": 0.87, "classes_covered": 10}}""");
        return path;
    }

    public static void WritePng(string path, byte grey)
    {
        using var bitmap = new SKBitmap(56, 56, SKColorType.Gray8, SKAlphaType.Opaque);
        bitmap.Erase(new SKColor(grey, grey, grey));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static EvaluationReport Report(double fid) => new(fid, 0.5, 0.4, 1, 0.5, 0.01, 0.001, 10, 0.1, new long[10], 5, 0.1, 100, 40);
}
