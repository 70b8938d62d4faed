namespace Lsgan.Reporting;

/// <summary>Line charts for report pages, drawn by ScottPlot into PNG bytes.</summary>
public static class Charts
{
    public static byte[] Lines(string title, string xLabel, string yLabel, double[] x, params (string Name, IEnumerable<double> Values)[] series)
    {
        var plot = new ScottPlot.Plot();
        foreach (var (name, values) in series)
        {
            // Lines with markers: a single evaluation still shows as a point.
            var line = plot.Add.Scatter(x, values.ToArray());
            line.LegendText = name;
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend();
        return plot.GetImageBytes(900, 400, ScottPlot.ImageFormat.Png);
    }
}
