using Lsgan.Training;

namespace Lsgan.Reporting;

/// <summary>Draws D's and G's losses, and FID where evaluated, against the step (losses.png in a run directory).</summary>
public static class LossPlot
{
    /// <summary>
    /// Draws the run's metrics.jsonl and metric-evaluation.jsonl into its losses.png; does nothing before the
    /// first metrics line. Fits <see cref="TrainingSession.CheckpointWritten"/>, so the plot follows the checkpoints.
    /// </summary>
    public static void Save(RunDirectory run)
    {
        var records = run.ReadMetrics();
        if (records.Count == 0) return;
        var config = run.ReadConfig();
        Save(records, run.ReadEvaluations(), run.LossPlotFile, $"{config.Dataset} · {config.Model.Kind} · {config.Loss.Create().Describe()}");
    }

    private static void Save(IReadOnlyList<MetricsRecord> records, IReadOnlyList<EvaluationRecord> evaluations, string path, string title)
    {
        var plot = new ScottPlot.Plot();
        double[] steps = records.Select(r => (double)r.Step).ToArray();
        var discriminator = plot.Add.ScatterLine(steps, records.Select(r => r.DLoss).ToArray());
        discriminator.LegendText = "D loss";
        var generator = plot.Add.ScatterLine(steps, records.Select(r => r.GLoss).ToArray());
        generator.LegendText = "G loss";
        if (evaluations.Count > 0)
        {
            // FID lives on its own scale: the right-hand axis.
            var fid = plot.Add.Scatter(evaluations.Select(e => (double)e.Step).ToArray(), evaluations.Select(e => e.Evaluation.Fid).ToArray());
            fid.LegendText = "FID (right axis)";
            fid.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = "FID";
        }
        plot.Title(title);
        plot.XLabel("step (G updates)");
        plot.YLabel("loss");
        plot.ShowLegend();
        IO.AtomicFile.Write(path, temporary => plot.SavePng(temporary, 900, 500));
    }
}
