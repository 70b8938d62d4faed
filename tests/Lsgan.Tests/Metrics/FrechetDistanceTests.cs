using Lsgan.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Tests.Metrics;

public class FrechetDistanceTests
{
    // Two Gaussians whose covariances do not commute: Σ₁Σ₂ ≠ Σ₂Σ₁, so Σ₁Σ₂ is not symmetric.
    private static readonly double[] Mu1 = [0.3, -0.2], Mu2 = [-0.7, 0.4];
    private static readonly double[] Sigma1 = [2.0, 0.5, 0.5, 1.0], Sigma2 = [1.0, -0.3, -0.3, 3.0];

    private static FeatureStatistics Statistics(double[] mean, double[] covariance) => new(1000, mean, covariance);

    // For a 2×2 M with non-negative eigenvalues, √M = (M + √det M · I) / √(tr M + 2√det M), so
    // Tr √M = √(tr M + 2√det M); here M = Σ₁Σ₂, with det M = det Σ₁ · det Σ₂.
    private static double ClosedForm2x2(double[] mu1, double[] s1, double[] mu2, double[] s2)
    {
        var traceM = s1[0] * s2[0] + s1[1] * s2[2] + s1[2] * s2[1] + s1[3] * s2[3];
        var detM = (s1[0] * s1[3] - s1[1] * s1[2]) * (s2[0] * s2[3] - s2[1] * s2[2]);
        var traceSqrtM = Math.Sqrt(traceM + 2 * Math.Sqrt(detM));
        var meanTerm = (mu1[0] - mu2[0]) * (mu1[0] - mu2[0]) + (mu1[1] - mu2[1]) * (mu1[1] - mu2[1]);
        return meanTerm + s1[0] + s1[3] + s2[0] + s2[3] - 2 * traceSqrtM;
    }

    [Fact]
    public void Given_diagonal_covariances_when_the_distance_is_computed_from_statistics_then_it_matches_the_elementwise_closed_form()
    {
        // Diagonal matrices commute, so (Σ₁Σ₂)^½ = diag(√(aᵢbᵢ)) and d² = ‖Δμ‖² + Σᵢ (aᵢ + bᵢ − 2√(aᵢbᵢ)).
        double[] a = [1.0, 4.0, 0.25], b = [9.0, 1.0, 0.25];
        double[] mu1 = [0.0, 1.0, -2.0], mu2 = [1.5, -1.0, 0.0];
        var expected = 0.0;
        for (var i = 0; i < 3; i++)
        {
            expected += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]) + a[i] + b[i] - 2 * Math.Sqrt(a[i] * b[i]);
        }

        var distance = FrechetDistance.Compute(Statistics(mu1, Diagonal(a)), Statistics(mu2, Diagonal(b)));

        Assert.Equal(expected, distance, 1e-10);
    }

    [Fact]
    public void Given_non_commuting_2x2_covariances_when_the_distance_is_computed_then_it_matches_the_2x2_square_root_formula()
    {
        var distance = FrechetDistance.Compute(Statistics(Mu1, Sigma1), Statistics(Mu2, Sigma2));

        Assert.Equal(ClosedForm2x2(Mu1, Sigma1, Mu2, Sigma2), distance, 1e-10);
    }

    [Fact]
    public void Given_samples_from_two_non_commuting_gaussians_when_the_distance_is_computed_from_features_then_it_is_close_to_the_closed_form()
    {
        // Over 30 seeds the estimate's error had standard deviation 0.020 with 40,000 samples each, so
        // 160,000 gives ≈ 0.010 and the tolerance is four of those (the distance is ≈ 2.29).
        using var scope = NewDisposeScope();
        var x = SampleGaussian2x2(Mu1, Sigma1, 160_000, seed: 1);
        var y = SampleGaussian2x2(Mu2, Sigma2, 160_000, seed: 2);

        var distance = FrechetDistance.Compute(x, y);

        Assert.Equal(ClosedForm2x2(Mu1, Sigma1, Mu2, Sigma2), distance, 0.04);
    }

    [Fact]
    public void Given_samples_from_two_diagonal_gaussians_when_the_distance_is_computed_from_features_then_it_is_close_to_the_closed_form()
    {
        // Closed form 15.75 (see the diagonal test above). Over 30 seeds with 100,000 samples each the
        // error's standard deviation was 0.048; the tolerance is four of those, 1.3 % of the distance.
        double[] a = [1.0, 4.0, 0.25, 2.0], b = [9.0, 1.0, 0.25, 0.5];
        double[] mu1 = [0.0, 1.0, -2.0, 0.5], mu2 = [1.5, -1.0, 0.0, 0.5];
        var expected = Enumerable.Range(0, 4).Sum(i => (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]) + a[i] + b[i] - 2 * Math.Sqrt(a[i] * b[i]));
        using var scope = NewDisposeScope();
        var x = randn(100_000, 4, ScalarType.Float64, generator: new Generator(7)) * tensor(a).sqrt() + tensor(mu1);
        var y = randn(100_000, 4, ScalarType.Float64, generator: new Generator(8)) * tensor(b).sqrt() + tensor(mu2);

        var distance = FrechetDistance.Compute(x, y);

        Assert.Equal(15.75, expected, 1e-12);
        Assert.Equal(expected, distance, 0.2);
    }

    [Fact]
    public void Given_features_when_statistics_are_computed_then_they_equal_the_mean_and_unbiased_covariance_by_loops()
    {
        double[,] rows = { { 1, 2, 0 }, { 3, -1, 2 }, { 0, 0, 5 }, { 2, 4, -1 }, { -2, 1, 1 } };
        using var features = tensor(rows);

        var statistics = FeatureStatistics.FromFeatures(features);

        var (n, d) = (rows.GetLength(0), rows.GetLength(1));
        Assert.Equal(n, statistics.Count);
        for (var i = 0; i < d; i++)
        {
            var mean = Enumerable.Range(0, n).Average(r => rows[r, i]);
            Assert.Equal(mean, statistics.Mean[i], 1e-12);
            for (var j = 0; j < d; j++)
            {
                var meanJ = Enumerable.Range(0, n).Average(r => rows[r, j]);
                var covariance = Enumerable.Range(0, n).Sum(r => (rows[r, i] - mean) * (rows[r, j] - meanJ)) / (n - 1);
                Assert.Equal(covariance, statistics.Covariance[i * d + j], 1e-12);
            }
        }
    }

    [Fact]
    public void Given_the_same_features_twice_when_the_distance_is_computed_then_it_is_zero()
    {
        using var scope = NewDisposeScope();
        var x = randn(500, 16, generator: new Generator(3));

        Assert.Equal(0.0, FrechetDistance.Compute(x, x), 1e-9);
    }

    [Fact]
    public void Given_two_feature_sets_when_their_order_is_swapped_then_the_distance_is_unchanged()
    {
        using var scope = NewDisposeScope();
        var x = randn(400, 8, generator: new Generator(4));
        var y = randn(300, 8, generator: new Generator(5)) * 1.5 + 0.2;

        Assert.Equal(FrechetDistance.Compute(x, y), FrechetDistance.Compute(y, x), 1e-9);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void Given_features_shifted_by_s_when_the_distance_is_computed_then_it_is_s_squared(double shift)
    {
        // A shift leaves Σ unchanged, so the trace term vanishes and only ‖Δμ‖² = s² remains.
        using var scope = NewDisposeScope();
        var x = randn(600, 10, generator: new Generator(6));
        var shifted = x.clone();
        shifted[TensorIndex.Colon, 0] += shift;

        Assert.Equal(shift * shift, FrechetDistance.Compute(x, shifted), 1e-8);
    }

    [Fact]
    public void Given_a_single_sample_when_the_distance_is_computed_then_it_throws_a_clear_error()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<LsganException>(() => FrechetDistance.Compute(randn(1, 4), randn(10, 4)));

        Assert.Contains("at least 2", error.Message);
    }

    [Fact]
    public void Given_features_of_different_widths_when_the_distance_is_computed_then_it_throws_a_clear_error()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<LsganException>(() => FrechetDistance.Compute(randn(10, 4), randn(10, 5)));

        Assert.Contains("4 and 5 dimensions", error.Message);
    }

    private static double[] Diagonal(double[] values)
    {
        var matrix = new double[values.Length * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            matrix[i * values.Length + i] = values[i];
        }

        return matrix;
    }

    // x = μ + L z with L the Cholesky factor of the 2×2 covariance, written out by hand.
    private static Tensor SampleGaussian2x2(double[] mean, double[] covariance, int count, int seed)
    {
        var l11 = Math.Sqrt(covariance[0]);
        var l21 = covariance[2] / l11;
        var l22 = Math.Sqrt(covariance[3] - l21 * l21);
        var z = randn(count, 2, ScalarType.Float64, generator: new Generator((ulong)seed));
        var factor = tensor(new[] { l11, 0, l21, l22 }, [2, 2], ScalarType.Float64);
        return z.mm(factor.t()) + tensor(mean, ScalarType.Float64);
    }
}
