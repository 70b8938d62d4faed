using Lsgan.Metrics;
using Lsgan.Training;

namespace Lsgan.Tests.Training;

public class CollapseRuleTests
{
    private static EvaluationReport Report(double fid, int classesCovered) =>
        new(fid, 0.5, 0.5, 1, 0.5, 0.01, 0.001, classesCovered, 0.1, new long[10], 5, 0.1, 100, 100);

    [Theory]
    [InlineData(3, true)]
    [InlineData(1, true)]
    [InlineData(4, false)]
    [InlineData(10, false)]
    public void Given_classes_covered_of_10_a_run_collapses_at_3_or_fewer(int classes, bool collapsed)
    {
        Assert.Equal(collapsed, CollapseRule.Check(Report(1, classes), null) is not null);
    }

    [Theory]
    [InlineData(2.0, true)]
    [InlineData(2.5, true)]
    [InlineData(1.99, false)]
    [InlineData(0.5, false)]
    public void Given_a_best_earlier_FID_of_1_a_run_collapses_when_FID_reaches_twice_it(double fid, bool collapsed)
    {
        Assert.Equal(collapsed, CollapseRule.Check(Report(fid, 10), 1.0) is not null);
        Assert.Null(CollapseRule.Check(Report(fid, 10), null));
    }

    [Fact]
    public void Given_evaluations_a_run_ended_collapsed_only_when_its_last_one_breaks_the_rule_against_the_earlier_best()
    {
        static EvaluationRecord At(double fid, int classes = 10) => new(1, 1, Report(fid, classes));

        Assert.True(CollapseRule.EndedCollapsed([At(1), At(3), At(2)]));
        Assert.False(CollapseRule.EndedCollapsed([At(1), At(3), At(1.5)]));
        Assert.True(CollapseRule.EndedCollapsed([At(1, 2)]));
        Assert.False(CollapseRule.EndedCollapsed([]));
    }
}
