namespace Lsgan.Experiments;

/// <summary>Draws generated 2-D points with the mixture's true centres marked, on axes fixed by the layout.</summary>
public static class MixturePlot
{
    /// <summary>Writes a PNG of <paramref name="points"/> (x0, y0, x1, y1, …) to <paramref name="path"/>.</summary>
    public static void Save(ReadOnlySpan<float> points, MixtureLayout layout, string path, string title)
    {
        var plot = new ScottPlot.Plot();
        int n = points.Length / 2;
        double[] xs = new double[n], ys = new double[n];
        for (int i = 0; i < n; i++) (xs[i], ys[i]) = (points[2 * i], points[2 * i + 1]);
        var generated = plot.Add.ScatterPoints(xs, ys);
        generated.MarkerSize = 2;
        generated.LegendText = "generated";

        var centres = layout.Centres();
        int k = centres.GetLength(0);
        var modes = plot.Add.ScatterPoints(
            Enumerable.Range(0, k).Select(c => centres[c, 0]).ToArray(),
            Enumerable.Range(0, k).Select(c => centres[c, 1]).ToArray());
        modes.MarkerShape = ScottPlot.MarkerShape.Cross;
        modes.MarkerSize = 10;
        modes.LegendText = "true modes";

        // The same window at every step, so the pictures of one run (and of GAN beside LSGAN) compare by eye.
        double extent = Enumerable.Range(0, k).Max(c => Math.Max(Math.Abs(centres[c, 0]), Math.Abs(centres[c, 1])));
        double limit = extent * 1.5 + 10 * layout.Std;
        plot.Axes.SetLimits(-limit, limit, -limit, limit);
        plot.Title(title);
        plot.ShowLegend();
        IO.AtomicFile.Write(path, temporary => plot.SavePng(temporary, 500, 500));
    }
}
