using SkiaSharp;

namespace Lsgan.Experiments.Mixture;

/// <summary>
/// Pictures of generated 2-D points: a 2-D histogram (the share of points in each cell, on a log scale, in greens
/// like the paper's kernel-density plots) with the mixture's true centres marked, on axes fixed by the layout; and
/// a figure of such panels, one row per loss and one column per evaluation step, with the real mixture last.
/// </summary>
public static class MixturePlot
{
    /// <summary>Histogram cells along each axis.</summary>
    public const int Bins = 120;

    private const int PanelSize = 320;

    /// <summary>The column of real points (placed in the first row, titled without the row's label).</summary>
    public const string RealColumn = "real";

    /// <summary>Writes a PNG of <paramref name="points"/> (x0, y0, x1, y1, …) to <paramref name="path"/>.</summary>
    public static void Save(ReadOnlySpan<float> points, MixtureLayout layout, string path, string title)
    {
        var plot = Panel(points, layout, title);
        IO.AtomicFile.Write(path, temporary => plot.SavePng(temporary, 500, 500));
    }

    /// <summary>One figure cell: its row label, step (for the column) and points.</summary>
    public sealed record Cell(string Row, string Column, float[] Points, string Caption);

    /// <summary>
    /// Writes a grid of panels to <paramref name="path"/>: rows in the order their label first appears, columns
    /// likewise; a missing cell stays blank.
    /// </summary>
    public static void SaveFigure(IReadOnlyList<Cell> cells, MixtureLayout layout, string path)
    {
        var rows = cells.Select(c => c.Row).Distinct().ToList();
        var columns = cells.Select(c => c.Column).Distinct().ToList();
        using var surface = SKSurface.Create(new SKImageInfo(columns.Count * PanelSize, rows.Count * PanelSize));
        surface.Canvas.Clear(SKColors.White);
        foreach (var cell in cells)
        {
            string title = cell.Column == RealColumn ? $"the mixture\n{cell.Caption}" : $"{cell.Row} · {cell.Column}\n{cell.Caption}";
            var plot = Panel(cell.Points, layout, title);
            plot.Legend.IsVisible = false;
            using var panel = SKBitmap.Decode(plot.GetImageBytes(PanelSize, PanelSize, ScottPlot.ImageFormat.Png));
            surface.Canvas.DrawBitmap(panel, columns.IndexOf(cell.Column) * PanelSize, rows.IndexOf(cell.Row) * PanelSize);
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        IO.AtomicFile.Write(path, temporary =>
        {
            using var file = File.Create(temporary);
            png.SaveTo(file);
        });
    }

    /// <summary>Half the side of the square every picture of <paramref name="layout"/> shows, centred on 0.</summary>
    public static double Limit(MixtureLayout layout)
    {
        var centres = layout.Centres();
        int k = centres.GetLength(0);
        double extent = Enumerable.Range(0, k).Max(c => Math.Max(Math.Abs(centres[c, 0]), Math.Abs(centres[c, 1])));
        return extent * 1.5 + 10 * layout.Std;
    }

    /// <summary>
    /// The share of <paramref name="points"/> in each of <see cref="Bins"/> × <see cref="Bins"/> cells over
    /// [−limit, limit]², row 0 at the top (largest y); points outside are left out.
    /// </summary>
    public static double[,] Histogram(ReadOnlySpan<float> points, double limit)
    {
        var counts = new double[Bins, Bins];
        int n = points.Length / 2;
        for (int i = 0; i < n; i++)
        {
            double x = points[2 * i], y = points[2 * i + 1];
            // NaN and infinite points are left out (a NaN converts to cell 0 in .NET), as are points off the picture.
            if (!double.IsFinite(x) || !double.IsFinite(y)) continue;
            int col = (int)Math.Floor((x + limit) / (2 * limit) * Bins), row = (int)Math.Floor((limit - y) / (2 * limit) * Bins);
            if (col is >= 0 and < Bins && row is >= 0 and < Bins) counts[row, col] += 1.0 / n;
        }
        return counts;
    }

    private static ScottPlot.Plot Panel(ReadOnlySpan<float> points, MixtureLayout layout, string title)
    {
        double limit = Limit(layout);
        var shares = Histogram(points, limit);
        // −log₁₀ of the share, so a thin spread of points still shows beside a dense mode: ScottPlot's greens run
        // from dark at the low end to pale at the high one, so dense cells are dark and empty ones (5) pale.
        var intensities = new double[Bins, Bins];
        for (int r = 0; r < Bins; r++)
        {
            for (int c = 0; c < Bins; c++) intensities[r, c] = -Math.Log10(Math.Max(shares[r, c], 1e-5));
        }
        var plot = new ScottPlot.Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new ScottPlot.Colormaps.Greens();
        heatmap.Extent = new ScottPlot.CoordinateRect(-limit, limit, -limit, limit);
        heatmap.ManualRange = new ScottPlot.Range(1, 5);

        var centres = layout.Centres();
        int k = centres.GetLength(0);
        var modes = plot.Add.ScatterPoints(
            Enumerable.Range(0, k).Select(c => centres[c, 0]).ToArray(),
            Enumerable.Range(0, k).Select(c => centres[c, 1]).ToArray());
        modes.MarkerShape = ScottPlot.MarkerShape.Cross;
        modes.MarkerSize = 8;
        modes.Color = ScottPlot.Colors.OrangeRed;
        modes.LegendText = "true modes";

        // The same window at every step, so the pictures of one run (and of GAN beside LSGAN) compare by eye.
        plot.Axes.SetLimits(-limit, limit, -limit, limit);
        plot.Title(title, size: 12);
        plot.ShowLegend();
        return plot;
    }
}
