using Lsgan.Data;
using Lsgan.Training;
using SkiaSharp;
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
        // Outside the data area: inside, it covered the last evaluations' points.
        plot.ShowLegend(ScottPlot.Edge.Right);
        IO.AtomicFile.Write(path, temporary => plot.SavePng(temporary, 900, 550));
    }

    /// <summary>
    /// One row per setting (a representative run of it), <paramref name="count"/> samples each from its latest
    /// checkpoint, every row from the same z (drawn with <paramref name="seed"/>), so the rows differ only by how they
    /// were trained. Each row is labelled with its setting's name.
    /// </summary>
    public static void SaveSamples(IReadOnlyList<(string Setting, string RunDirectory)> rows, string path, int count = 12, long seed = 0)
    {
        if (rows.Count == 0) return;
        using var scope = NewDisposeScope();
        var samples = new List<Tensor>();
        foreach (var (_, run) in rows)
        {
            using var generator = TrainedGenerator.Load(run);
            samples.Add(generator.Sample(count, seed));
        }
        if (samples.Select(r => r.shape[1]).Distinct().Count() > 1)
            throw new LsganException("The study's settings generate images with different channel counts; they cannot share one picture.");
        using var grid = ImageGrid.Render(cat(samples, 0), columns: count, scale: 2);
        SaveLabelled(grid, rows.Select(r => r.Setting).ToList(), path);
    }

    /// <summary>The grid at its own pixel size on white, with each row's label at its left, right-aligned.</summary>
    private static void SaveLabelled(SKBitmap grid, IReadOnlyList<string> rowLabels, string path)
    {
        const int margin = 4;
        // The plots' font (ScottPlot picks an installed sans face), so the pictures of a study read alike.
        using var font = new SKFont(SKTypeface.FromFamilyName(ScottPlot.Fonts.Default), 13);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        int labelWidth = (int)Math.Ceiling(rowLabels.Max(l => font.MeasureText(l))) + 2 * margin;
        using var picture = new SKBitmap(labelWidth + grid.Width + margin, grid.Height + 2 * margin);
        using (var canvas = new SKCanvas(picture))
        {
            canvas.Clear(SKColors.White);
            canvas.DrawBitmap(grid, labelWidth, margin);
            float rowHeight = (float)grid.Height / rowLabels.Count;
            for (int row = 0; row < rowLabels.Count; row++)
            {
                float baseline = margin + (row + 0.5f) * rowHeight + font.Size / 3;
                canvas.DrawText(rowLabels[row], labelWidth - margin, baseline, SKTextAlign.Right, font, ink);
            }
        }
        ImageGrid.WritePng(picture, path);
    }
}
