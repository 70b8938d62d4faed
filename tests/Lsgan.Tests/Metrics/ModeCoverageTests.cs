using Lsgan.Metrics;

namespace Lsgan.Tests.Metrics;

public sealed class ModeCoverageTests
{
    [Fact]
    public void Given_a_hand_example_when_measured_then_covered_modes_quality_and_kl_are_the_worked_values()
    {
        // 4 modes, 8 samples: modes 0,0,0,1,1,2,2,2; high quality: 3 on mode 0, 1 on mode 1, 2 on mode 2.
        int[] nearest = [0, 0, 0, 1, 1, 2, 2, 2];
        bool[] good = [true, true, true, true, false, true, true, false];

        var result = ModeCoverage.Measure(nearest, good, modeCount: 4, minimumPerMode: 2);

        Assert.Equal(2, result.ModesCovered); // mode 0 (3) and mode 2 (2); mode 1 has 1, mode 3 none
        Assert.Equal(6 / 8.0, result.HighQualityFraction, 12);
        // p = (3/8, 2/8, 3/8, 0): Σ p log(4p) = 2·(3/8)·log(3/2) + (1/4)·log(1).
        Assert.Equal(0.75 * Math.Log(1.5), result.KlFromUniform, 12);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(25)]
    public void Given_an_even_spread_or_a_single_mode_when_measured_then_kl_is_zero_or_log_k(int k)
    {
        int[] even = [.. Enumerable.Range(0, 10 * k).Select(i => i % k)];
        int[] single = [.. Enumerable.Repeat(3, 10 * k)];
        bool[] good = [.. Enumerable.Repeat(true, 10 * k)];

        var spread = ModeCoverage.Measure(even, good, k, minimumPerMode: 10);
        var collapsed = ModeCoverage.Measure(single, good, k, minimumPerMode: 10);

        Assert.Equal((k, 0.0), (spread.ModesCovered, spread.KlFromUniform));
        Assert.Equal(1, collapsed.ModesCovered);
        Assert.Equal(Math.Log(k), collapsed.KlFromUniform, 12);
    }

    [Fact]
    public void Given_a_mode_outside_the_range_when_measured_then_it_is_refused()
    {
        Assert.Throws<LsganException>(() => ModeCoverage.Measure([0, 8], [true, true], modeCount: 8, minimumPerMode: 1));
        Assert.Throws<LsganException>(() => ModeCoverage.Measure([], [], modeCount: 8, minimumPerMode: 1));
    }
}
