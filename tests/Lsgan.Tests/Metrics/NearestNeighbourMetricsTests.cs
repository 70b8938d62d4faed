using Lsgan.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Tests.Metrics;

public class NearestNeighbourMetricsTests
{
    [Fact]
    public void Given_random_sets_when_computed_together_then_results_equal_the_separate_metrics_and_brute_force()
    {
        using var scope = NewDisposeScope();
        var real = randn(300, 16, generator: new Generator(51));
        var generated = randn(250, 16, generator: new Generator(52)) * 1.2 + 0.4;
        var (x, y) = (ManifoldTestData.Rows(real), ManifoldTestData.Rows(generated));
        var expected = BruteForce(x, y, precisionRecallK: 3, densityCoverageK: 5);

        var together = NearestNeighbourMetrics.Compute(real, generated);
        var precisionRecall = PrecisionRecall.Compute(real, generated);
        var densityCoverage = DensityCoverage.Compute(real, generated);

        Assert.Equal(precisionRecall, together.PrecisionRecall);
        Assert.Equal(densityCoverage, together.DensityCoverage);
        AssertEqual(expected, together);
        Assert.InRange(together.PrecisionRecall.Precision, 0.05, 0.95);
        Assert.InRange(together.DensityCoverage.Coverage, 0.05, 0.95);
    }

    [Fact]
    public void Given_lattice_points_with_duplicates_and_tied_distances_when_computed_in_tiny_blocks_then_closed_balls_match_brute_force()
    {
        // Integer coordinates in {0, 1, 2}³ (plus 1000) give squared distances 0…12 with many exact ties, many
        // samples on other balls' boundaries and radii of 0 among duplicates: every one of those decisions is
        // too close for the float32 screen and must be settled exactly.
        using var scope = NewDisposeScope();
        var real = randint(0, 3, [80, 3], generator: new Generator(53)).to_type(ScalarType.Float64) + 1000;
        var generated = randint(0, 4, [70, 3], generator: new Generator(54)).to_type(ScalarType.Float64) + 1000;
        var expected = BruteForce(ManifoldTestData.Rows(real), ManifoldTestData.Rows(generated), precisionRecallK: 3, densityCoverageK: 5);

        var (precisionRecall, densityCoverage) = NearestNeighbourMetrics.Compute(real, generated, 3, 5, maxBlockElements: 100);

        AssertEqual(expected, new NearestNeighbourResult(precisionRecall!, densityCoverage!));
        Assert.InRange(expected.PrecisionRecall.Precision, 0.05, 0.95);
    }

    [Fact]
    public void Given_generated_samples_on_and_within_1e_minus_9_of_ball_boundaries_when_computed_then_they_are_decided_as_in_exact_arithmetic()
    {
        // Real X = {0, 10, 30, 70} with k = 1: balls [−10, 10], [0, 20], [10, 50], [30, 110].
        // Y = −10 (on the first boundary: inside), −10 − 1e-9 (outside all), 110 (on the last boundary: inside),
        // 110 + 1e-7 (outside all), 50 + 1e-9 (just outside [10, 50], inside [30, 110]).
        // Precision 3/5; density (1 + 0 + 1 + 0 + 1) / 5; coverage: only [−10, 10] and [30, 110] hold a Y → 2/4.
        // float32 cannot tell any of these apart from the boundary.
        using var scope = NewDisposeScope();
        var real = tensor(new[] { 0.0, 10, 30, 70 }, [4, 1], ScalarType.Float64);
        var generated = tensor(new[] { -10.0, -10 - 1e-9, 110, 110 + 1e-7, 50 + 1e-9 }, [5, 1], ScalarType.Float64);

        var result = NearestNeighbourMetrics.Compute(real, generated, precisionRecallK: 1, densityCoverageK: 1);

        Assert.Equal(0.6, result.PrecisionRecall.Precision, 1e-12);
        Assert.Equal(0.6, result.DensityCoverage.Density, 1e-12);
        Assert.Equal(0.5, result.DensityCoverage.Coverage, 1e-12);
    }

    [Theory]
    [InlineData(-90)]
    [InlineData(90)]
    public void Given_features_scaled_by_a_power_of_two_when_computed_then_results_are_unchanged(int exponent)
    {
        // 2^±90 would underflow or overflow float32 squared norms without the screen's own scaling.
        using var scope = NewDisposeScope();
        var real = randn(120, 8, generator: new Generator(55));
        var generated = randn(100, 8, generator: new Generator(56)) + 0.5;
        var factor = Math.ScaleB(1.0, exponent);

        var plain = NearestNeighbourMetrics.Compute(real, generated);
        var scaled = NearestNeighbourMetrics.Compute(real.to_type(ScalarType.Float64) * factor, generated.to_type(ScalarType.Float64) * factor);

        Assert.Equal(plain, scaled);
    }

    private static NearestNeighbourResult BruteForce(double[][] x, double[][] y, int precisionRecallK, int densityCoverageK)
    {
        var (realPr, generatedPr) = (ManifoldTestData.Radii(x, precisionRecallK), ManifoldTestData.Radii(y, precisionRecallK));
        var realDc = ManifoldTestData.Radii(x, densityCoverageK);
        var precision = y.Count(p => ManifoldTestData.BallsContaining(p, x, realPr) > 0) / (double)y.Length;
        var recall = x.Count(p => ManifoldTestData.BallsContaining(p, y, generatedPr) > 0) / (double)x.Length;
        var density = y.Sum(p => ManifoldTestData.BallsContaining(p, x, realDc)) / ((double)densityCoverageK * y.Length);
        var coverage = x.Where((c, i) => y.Any(p => ManifoldTestData.Distance(p, c) <= realDc[i])).Count() / (double)x.Length;
        return new NearestNeighbourResult(new PrecisionRecallResult(precision, recall), new DensityCoverageResult(density, coverage));
    }

    private static void AssertEqual(NearestNeighbourResult expected, NearestNeighbourResult actual)
    {
        Assert.Equal(expected.PrecisionRecall.Precision, actual.PrecisionRecall.Precision, 1e-12);
        Assert.Equal(expected.PrecisionRecall.Recall, actual.PrecisionRecall.Recall, 1e-12);
        Assert.Equal(expected.DensityCoverage.Density, actual.DensityCoverage.Density, 1e-12);
        Assert.Equal(expected.DensityCoverage.Coverage, actual.DensityCoverage.Coverage, 1e-12);
    }
}
