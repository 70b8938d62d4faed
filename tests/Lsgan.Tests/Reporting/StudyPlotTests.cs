using Lsgan.Data;
using Lsgan.Experiments.Studies;
using Lsgan.Reporting;
using Lsgan.Tests.Experiments.Studies;
using Lsgan.Training;
using SkiaSharp;
using static TorchSharp.torch;

namespace Lsgan.Tests.Reporting;

public class StudyPlotTests
{
    [Fact]
    public void Given_two_settings_runs_when_their_samples_are_saved_then_the_grid_is_drawn_pixel_for_pixel_with_ink_left_of_each_row()
    {
        using var dir = new TempDirectory();
        using var data = new StudyFixture();
        var plan = StudyFixture.Plan(0);
        var study = new Study(dir.Path, StudyFixture.Runs(plan));
        Assert.True(study.Run(study.Inspect(), data, jobs: 1));
        var rows = plan.Settings.Select(s => (s.Name, Path.Combine(dir.Path, StudyRun.RunName(s.Name, 0)))).ToList();
        const int count = 5;

        StudyPlot.SaveSamples(rows, dir.Combine("samples.png"), count, seed: 3);

        // The grid the picture must hold, made independently from the same checkpoints and z.
        SKBitmap expected;
        using (var scope = NewDisposeScope())
        {
            var samples = rows.Select(r => { using var g = TrainedGenerator.Load(r.Item2); return g.Sample(count, 3); }).ToList();
            expected = ImageGrid.Render(cat(samples, 0), columns: count, scale: 2);
        }
        using var _ = expected;
        using var picture = SKBitmap.Decode(dir.Combine("samples.png"));
        Assert.Equal(expected.Height + 8, picture.Height);
        int left = picture.Width - 4 - expected.Width;
        Assert.True(left > 20, $"a label margin of {left} px");
        for (int y = 0; y < expected.Height; y++)
            for (int x = 0; x < expected.Width; x++)
                Assert.Equal(expected.GetPixel(x, y).Red, picture.GetPixel(left + x, 4 + y).Red);

        // Each row's label: dark pixels in the margin beside the row (the background is white).
        int rowHeight = expected.Height / rows.Count;
        for (int row = 0; row < rows.Count; row++)
        {
            int ink = 0;
            for (int y = 4 + row * rowHeight; y < 4 + (row + 1) * rowHeight; y++)
                for (int x = 0; x < left - 6; x++)
                    if (picture.GetPixel(x, y).Red < 160) ink++;
            Assert.True(ink > 8, $"row {row} has {ink} dark pixels beside it");
        }
    }
}
