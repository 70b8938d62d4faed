using Lsgan.Data;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Reporting;

/// <summary>A study's pictures, drawn from its run directories: FID against the step per setting, and the settings' samples side by side.</summary>
public static class StudyPlot
{
    /// <summary>
    /// FID against the step, one line per setting: the mean over the seeds evaluated at that step, and a band from
    /// their min to their max.
    /// </summary>
    /// <param name="settings">Each setting's name and the evaluations of each of its runs.</param>
    /// <param name="path">The PNG to write.</param>
    /// <param name="title">The plot's title.</param>
    public static void SaveFidCurves(IReadOnlyList<(string Setting, IReadOnlyList<IReadOnlyList<EvaluationRecord>> Runs)> settings, string path, string title)
    {
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int index = 0;
        foreach (var (setting, runs) in settings)
        {
            var color = palette.GetColor(index++);
            var byStep = runs.SelectMany(r => r).GroupBy(e => e.Step).OrderBy(g => g.Key)
                .Select(g => (Step: (double)g.Key, Mean: g.Average(e => e.Evaluation.Fid), Min: g.Min(e => e.Evaluation.Fid), Max: g.Max(e => e.Evaluation.Fid)))
                .ToList();
            if (byStep.Count == 0) continue;
            double[] steps = byStep.Select(s => s.Step).ToArray();
            var band = plot.Add.FillY(steps, byStep.Select(s => s.Min).ToArray(), byStep.Select(s => s.Max).ToArray());
            band.FillColor = color.WithAlpha(0.2);
            band.LineColor = color.WithAlpha(0.0);
            var line = plot.Add.ScatterLine(steps, byStep.Select(s => s.Mean).ToArray());
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 5;
            line.LegendText = $"{setting} ({runs.Count} runs)";
        }
        plot.Title(title);
        plot.XLabel("step (G updates)");
        plot.YLabel("FID (mean over seeds; band: min to max)");
        plot.ShowLegend();
        IO.AtomicFile.Write(path, temporary => plot.SavePng(temporary, 900, 550));
    }

    /// <summary>
    /// One row per run (a setting's representative), <paramref name="count"/> samples each from its latest checkpoint,
    /// every row from the same z (drawn with <paramref name="seed"/>), so the rows differ only by how they were trained.
    /// </summary>
    public static void SaveSamples(IReadOnlyList<string> runDirectories, string path, int count = 12, long seed = 0)
    {
        if (runDirectories.Count == 0) return;
        using var scope = NewDisposeScope();
        var rows = new List<Tensor>();
        foreach (string run in runDirectories)
        {
            using var generator = TrainedGenerator.Load(run);
            rows.Add(generator.Sample(count, seed));
        }
        if (rows.Select(r => r.shape[1]).Distinct().Count() > 1)
            throw new LsganException("The study's settings generate images with different channel counts; they cannot share one picture.");
        ImageGrid.Save(cat(rows, 0), path, columns: count, scale: 2);
    }
}
