using Lsgan.Experiments.Mixture;

namespace Lsgan.Tests.Experiments.Mixture;

public sealed class MixtureSummaryTests
{
    private static MixtureRecord Final(int modes, double quality, double dLoss = 0.2, int near = 8) =>
        new(100, dLoss, 0.1, modes, 8, quality, 0, near, 0.5, 1);

    [Fact]
    public void Given_three_runs_when_summarised_then_the_last_evaluations_give_mean_sample_std_and_counts()
    {
        IReadOnlyList<MixtureRecord>[] runs =
        [
            [Final(0, 0), Final(8, 0.9)],
            [Final(1, 0.5, near: 1)],
            [Final(6, 0.6, dLoss: double.NaN)],
        ];

        var summary = MixtureSummary.Of("ls", runs);

        // Modes 8, 1, 6: mean 5, sample variance (9 + 16 + 1) / 2 = 13.
        Assert.Equal(5, summary.ModesCoveredMean, 12);
        Assert.Equal(Math.Sqrt(13), summary.ModesCoveredStd, 12);
        Assert.Equal(2 / 3.0, summary.HighQualityFractionMean, 12);
        Assert.Equal((3, 1, 1), (summary.Runs, summary.Collapsed, summary.Diverged));
        // Near 8, 1, 8: the run near one mode is the collapsed one.
        Assert.Equal(17 / 3.0, summary.ModesNearMean, 12);
        Assert.Equal([8, 1, 8], summary.ModesNearPerRun);
    }
}
