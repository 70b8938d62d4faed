using Lsgan.Experiments.Mixture;
using static TorchSharp.torch;

namespace Lsgan.Tests.Experiments.Mixture;

public sealed class MixtureLayoutTests
{
    // Within 3σ of a 2-D Gaussian's centre: P(|x| ≤ 3σ) = 1 − exp(−9/2) for the Rayleigh-distributed radius.
    private static readonly double WithinThreeStds = 1 - Math.Exp(-4.5);

    [Fact]
    public void The_paper_ring_has_eight_centres_on_the_unit_circle_and_the_grid_spans_minus_four_to_four()
    {
        var ring = MixtureLayout.Ring8.Centres();
        // Counter-clockwise from (1, 0) in steps of 45°.
        double h = Math.Sqrt(0.5);
        double[][] expected = [[1, 0], [h, h], [0, 1], [-h, h], [-1, 0], [-h, -h], [0, -1], [h, -h]];
        for (int k = 0; k < 8; k++)
        {
            Assert.Equal(expected[k][0], ring[k, 0], 12);
            Assert.Equal(expected[k][1], ring[k, 1], 12);
        }
        var grid = MixtureLayout.Grid25.Centres();
        var xs = Enumerable.Range(0, 25).Select(k => grid[k, 0]).Distinct().Order().ToArray();
        Assert.Equal([-4.0, -2, 0, 2, 4], xs);
        Assert.Equal(25, Enumerable.Range(0, 25).Select(k => (grid[k, 0], grid[k, 1])).Distinct().Count());
    }

    [Theory]
    [InlineData("ring", 8, 0.01)]
    [InlineData("grid", 25, 0.05)]
    public void Given_real_samples_of_the_mixture_when_evaluated_then_every_mode_is_covered_and_quality_is_the_gaussian_share(
        string kind, int modes, double std)
    {
        var layout = kind == "ring" ? MixtureLayout.Ring8 : MixtureLayout.Grid25;
        Assert.Equal((modes, std), (layout.Modes, layout.Std));
        using var points = layout.Sample(20_000, new Generator(5));

        var result = MixtureEvaluation.Measure(points.data<float>().ToArray(), layout, minimumPerMode: 20);

        Assert.Equal(modes, result.ModesCovered);
        // 20,000 draws: the binomial standard error of the share is ~0.0007.
        Assert.InRange(result.HighQualityFraction, WithinThreeStds - 0.004, WithinThreeStds + 0.004);
        Assert.InRange(result.KlFromUniform, 0, 0.01);
        // The near radius is ≥ 10σ: a Gaussian point lies beyond it with probability e^(−50).
        var near = MixtureEvaluation.Measure(points.data<float>().ToArray(), layout, 20, MixtureEvaluation.NearRadius(layout));
        Assert.Equal((modes, 1.0), (near.ModesCovered, near.HighQualityFraction));
    }

    [Fact]
    public void The_near_radius_is_a_quarter_of_the_distance_between_neighbouring_centres()
    {
        // Neighbours on the unit ring of 8 are 2·sin(π/8) apart; on the grid, one spacing (2).
        Assert.Equal(Math.Sin(Math.PI / 8) / 2, MixtureEvaluation.NearRadius(MixtureLayout.Ring8), 12);
        Assert.Equal(0.5, MixtureEvaluation.NearRadius(MixtureLayout.Grid25), 12);
        Assert.Equal(0.03, MixtureEvaluation.HighQualityRadius(MixtureLayout.Ring8), 12);
    }

    [Fact]
    public void Given_points_halfway_between_two_modes_or_spread_wider_than_3_sigma_when_evaluated_then_the_two_rules_tell_them_apart()
    {
        var layout = MixtureLayout.Ring8;
        // 100 points at 22.5° (between the modes at 0° and 45°), 100 at each of 0° and 90° but 0.1 outwards: on their
        // modes' places, far outside 3σ (0.03), inside the near radius (0.19).
        double between = Math.PI / 8;
        float[] points =
        [
            .. Enumerable.Repeat(new[] { (float)Math.Cos(between), (float)Math.Sin(between) }, 100).SelectMany(p => p),
            .. Enumerable.Repeat(new[] { 1.1f, 0f }, 100).SelectMany(p => p),
            .. Enumerable.Repeat(new[] { 0f, 1.1f }, 100).SelectMany(p => p),
        ];

        var strict = MixtureEvaluation.Measure(points, layout, minimumPerMode: 20);
        var near = MixtureEvaluation.Measure(points, layout, 20, MixtureEvaluation.NearRadius(layout));

        Assert.Equal((0, 0.0), (strict.ModesCovered, strict.HighQualityFraction));
        Assert.Equal(2, near.ModesCovered);
        Assert.Equal(2 / 3.0, near.HighQualityFraction, 12);
    }

    [Fact]
    public void Given_points_when_binned_for_a_picture_then_shares_sum_to_the_points_inside_and_row_zero_is_the_top()
    {
        double limit = 2;
        // (−1.99, 1.99) top left; (1.99, −1.99) bottom right; (0.01, 0.01) just above and right of the centre;
        // (5, 0) off the picture; NaN nowhere.
        float[] points = [-1.99f, 1.99f, 1.99f, -1.99f, 0.01f, 0.01f, 5f, 0f, float.NaN, 0f];

        var shares = MixturePlot.Histogram(points, limit);

        int last = MixturePlot.Bins - 1, middle = MixturePlot.Bins / 2;
        Assert.Equal(0.2, shares[0, 0], 12);
        Assert.Equal(0.2, shares[last, last], 12);
        Assert.Equal(0.2, shares[middle - 1, middle], 12);
        Assert.Equal(0.6, shares.Cast<double>().Sum(), 12);
    }

    [Fact]
    public void Given_points_all_at_one_centre_when_evaluated_then_one_mode_is_covered_and_kl_is_log_k()
    {
        var layout = MixtureLayout.Ring8;
        float[] points = [.. Enumerable.Repeat(new[] { 0f, 1f }, 100).SelectMany(p => p)]; // the centre at 90°

        var result = MixtureEvaluation.Measure(points, layout, minimumPerMode: 20);

        Assert.Equal((1, 1.0), (result.ModesCovered, result.HighQualityFraction));
        Assert.Equal(Math.Log(8), result.KlFromUniform, 9);
    }

    [Fact]
    public void Given_bad_layouts_when_validated_then_every_problem_is_listed()
    {
        var errors = new MixtureLayout("spiral", 0, -1, double.NaN).Validate();

        Assert.Equal(4, errors.Count);
        Assert.Contains(new MixtureLayout("grid", 24).Validate(), e => e.Contains("square number"));
    }
}
