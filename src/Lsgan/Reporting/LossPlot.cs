using Lsgan.Training;

namespace Lsgan.Reporting;

/// <summary>Draws D's and G's losses, and FID where evaluated, against the step (losses.png in a run directory).</summary>
public static class LossPlot
{
    public static void Save(IReadOnlyList<MetricsRecord> records, IReadOnlyList<EvaluationRecord> evaluations, string path, string title)
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
