using Lsgan.Cli.Output;

namespace Lsgan.Tests.Cli;

public class DataViewTests
{
    [Fact]
    public void Given_counts_of_a_stage_off_a_terminal_when_reported_then_a_line_comes_at_each_quarter_and_again_for_a_new_stage()
    {
        var lines = new List<string>();
        var quarters = new DataView.QuarterLines(lines.Add);

        for (int done = 0; done <= 10; done++) quarters.Report(new WorkProgress(done, 10, "rendering 10 characters"));
        quarters.Report(new WorkProgress(8, 8, "downloading a.gz"));

        Assert.Equal(["rendering 10 characters: 25% (3 of 10)", "rendering 10 characters: 50% (5 of 10)",
            "rendering 10 characters: 75% (8 of 10)", "rendering 10 characters: 100% (10 of 10)", "downloading a.gz: 100% (8 of 8)"], lines);
    }
}
