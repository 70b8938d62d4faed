using Lsgan.Metrics;
using Lsgan.Reporting;
using Lsgan.Training;
using SkiaSharp;

namespace Lsgan.Tests.Reporting;

public class LossPlotTests
{
    [Fact]
    public void Given_a_run_with_losses_and_an_evaluation_when_plotted_then_losses_png_is_drawn_from_its_files()
    {
        using var dir = new TempDirectory();
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, new TrainConfig());
        run.AppendMetrics(new MetricsRecord(50, 1, 0.4, 0.6, 0.3, -0.2, 10, 300));
        run.AppendMetrics(new MetricsRecord(100, 1, 0.3, 0.7, 0.5, -0.4, 20, 300));
        run.AppendEvaluation(new EvaluationRecord(100, 1, new EvaluationReport(12, 0.5, 0.5, 1, 0.5, 0.01, 0.001, 10, 0.1, new long[10], 5, 0.1, 100, 40)));

        LossPlot.Save(run);

        using var png = SKBitmap.Decode(run.LossPlotFile);
        Assert.Equal((900, 500), (png.Width, png.Height));
    }

    [Fact]
    public void Given_a_run_without_a_metrics_line_when_plotted_then_no_plot_is_written()
    {
        using var dir = new TempDirectory();
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, new TrainConfig());

        LossPlot.Save(run);

        Assert.False(File.Exists(run.LossPlotFile));
    }
}
