using Lsgan.Evaluation;
using Lsgan.Metrics;
using Spectre.Console;

namespace Lsgan.Cli.Output;

/// <summary>Prints evaluation reports side by side (e.g. a run and the real-data floor).</summary>
internal static class EvaluationTable
{
    public static void Write(params (string Name, EvaluationReport Report)[] columns)
    {
        var table = new Table().AddColumn("metric");
        foreach (var (name, _) in columns) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        void Row(string metric, Func<EvaluationReport, string> value) =>
            table.AddRow([metric, .. columns.Select(c => value(c.Report))]);

        Row("FID ↓", r => $"{r.Fid:F3}");
        Row("precision ↑", r => $"{r.Precision:F3}");
        Row("recall ↑", r => $"{r.Recall:F3}");
        Row("density", r => $"{r.Density:F3}");
        Row("coverage ↑", r => $"{r.Coverage:F3}");
        Row("KID ↓", r => $"{r.Kid:F5} ± {r.KidStd:F5}");
        Row("classes covered", r => $"{r.ClassesCovered}/{r.ClassHistogram.Length}");
        Row("class KL ↓", r => $"{r.ClassKl:F4}");
        Row("classifier score ↑", r => $"{r.ClassifierScore:F3} ± {r.ClassifierScoreStd:F3}");
        Row("samples (real/generated)", r => $"{r.RealCount}/{r.GeneratedCount}");
        AnsiConsole.Write(table);
    }

    /// <summary>A conditional run's accuracy: the share of samples of each class the classifier reads as that class.</summary>
    public static void WriteConditionalAccuracy(ConditionalAccuracyResult accuracy)
    {
        var table = new Table().AddColumn("class").AddColumn(new TableColumn("read as its class ↑").RightAligned());
        for (int c = 0; c < accuracy.PerClass.Length; c++) table.AddRow($"{c}", $"{accuracy.PerClass[c]:F3}");
        table.AddRow("all", $"{accuracy.Overall:F3}");
        AnsiConsole.Write(table);
    }

    /// <summary>Stacked MNIST's figures side by side.</summary>
    public static void WriteStacked(params (string Name, StackedMnistReport Report)[] columns)
    {
        var table = new Table().AddColumn("metric");
        foreach (var (name, _) in columns) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        table.AddRow(["modes covered ↑", .. columns.Select(c => $"{c.Report.ModesCovered}/{c.Report.ModeCount}")]);
        table.AddRow(["KL from uniform ↓", .. columns.Select(c => $"{c.Report.Kl:F4}")]);
        table.AddRow(["samples", .. columns.Select(c => $"{c.Report.Samples}")]);
        AnsiConsole.Write(table);
    }
}
