using Lsgan.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Tests.Metrics;

public class KernelInceptionDistanceTests
{
    [Fact]
    public void Given_small_sets_and_one_full_subset_when_computed_then_it_equals_a_naive_double_loop()
    {
        // With one subset as large as both sets, the subset is a permutation of all samples and MMD² does
        // not depend on order, so the result must equal the textbook estimator summed pair by pair.
        using var scope = NewDisposeScope();
        var real = randn(12, 3, generator: new Generator(31));
        var generated = randn(12, 3, generator: new Generator(32)) * 1.5 + 0.5;
        var expected = NaiveUnbiasedMmd2(ManifoldTestData.Rows(real), ManifoldTestData.Rows(generated));

        var result = KernelInceptionDistance.Compute(real, generated, subsets: 1, subsetSize: 1000);

        Assert.Equal(expected, result.Mean, Math.Abs(expected) * 1e-10);
        Assert.Equal(0.0, result.StandardDeviation, 1e-15);
        Assert.Equal(12, result.SubsetSize);
        Assert.True(expected > 0.1, $"the shifted sets should be clearly apart, but MMD² = {expected}");
    }

    [Fact]
    public void Given_sets_of_different_sizes_when_computed_then_the_subset_size_is_the_smaller_set()
    {
        using var scope = NewDisposeScope();

        var result = KernelInceptionDistance.Compute(randn(30, 4), randn(17, 4), subsets: 3, subsetSize: 1000);

        Assert.Equal(17, result.SubsetSize);
        Assert.Equal(3, result.Subsets);
    }

    [Fact]
    public void Given_a_seed_when_computed_twice_then_results_match_and_another_seed_differs()
    {
        using var scope = NewDisposeScope();
        var real = randn(200, 4, generator: new Generator(33));
        var generated = randn(200, 4, generator: new Generator(34)) + 0.3;

        var first = KernelInceptionDistance.Compute(real, generated, subsets: 5, subsetSize: 50, seed: 7);
        var again = KernelInceptionDistance.Compute(real, generated, subsets: 5, subsetSize: 50, seed: 7);
        var other = KernelInceptionDistance.Compute(real, generated, subsets: 5, subsetSize: 50, seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Mean, other.Mean);
        Assert.True(first.StandardDeviation > 0, "five random subsets should not all give the same estimate");
    }

    [Fact]
    public void Given_two_samples_of_one_distribution_when_computed_then_the_distance_is_near_zero_and_far_below_a_shifted_pair()
    {
        // Unbiased: for equal distributions E[MMD²] = 0, so the mean may be slightly negative.
        using var scope = NewDisposeScope();
        var real = randn(1000, 8, generator: new Generator(35));
        var same = randn(1000, 8, generator: new Generator(36));
        var shifted = randn(1000, 8, generator: new Generator(37)) + 0.5;

        var equal = KernelInceptionDistance.Compute(real, same, subsets: 10, subsetSize: 500);
        var apart = KernelInceptionDistance.Compute(real, shifted, subsets: 10, subsetSize: 500);

        Assert.InRange(equal.Mean, -0.01, 0.01);
        Assert.InRange(apart.Mean, 0.1, 10);
    }

    private static double NaiveUnbiasedMmd2(double[][] x, double[][] y)
    {
        var m = x.Length;
        var d = x[0].Length;
        double Kernel(double[] a, double[] b) => Math.Pow(a.Zip(b, (p, q) => p * q).Sum() / d + 1, 3);
        double withinX = 0, withinY = 0, across = 0;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                if (i != j)
                {
                    withinX += Kernel(x[i], x[j]);
                    withinY += Kernel(y[i], y[j]);
                }

                across += Kernel(x[i], y[j]);
            }
        }

        return (withinX + withinY) / (m * (m - 1.0)) - 2 * across / (m * (double)m);
    }
}
