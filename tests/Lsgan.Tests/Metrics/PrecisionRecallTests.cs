using Lsgan.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Tests.Metrics;

public class PrecisionRecallTests
{
    [Fact]
    public void Given_a_hand_worked_1d_example_with_k_1_when_computed_then_precision_is_3_of_5_and_recall_3_of_4()
    {
        // Real X = {0, 1, 3, 7}: nearest other real at 1, 1, 2, 4, so balls [−1,1], [0,2], [1,5], [3,11],
        // union [−1, 11]. Generated Y = {−2, −1.6, 0.2, 0.7, 3.4}: nearest other generated at 0.4, 0.4, 0.5,
        // 0.5, 2.7, so balls [−2.4,−1.6], [−2,−1.2], [−0.3,0.7], [0.2,1.2], [0.7,6.1].
        // Precision: −2 and −1.6 lie outside [−1, 11], the other three inside → 3/5.
        // Recall: 0 ∈ [−0.3,0.7], 1 ∈ [0.2,1.2], 3 ∈ [0.7,6.1], 7 in no generated ball → 3/4.
        // No point lies within 0.2 of a ball's boundary, so rounding cannot flip a decision.
        using var scope = NewDisposeScope();
        var real = Column(0, 1, 3, 7);
        var generated = Column(-2, -1.6, 0.2, 0.7, 3.4);

        var result = PrecisionRecall.Compute(real, generated, k: 1);

        Assert.Equal(0.6, result.Precision, 1e-12);
        Assert.Equal(0.75, result.Recall, 1e-12);
    }

    [Fact]
    public void Given_random_sets_and_tiny_distance_blocks_when_computed_with_k_3_then_it_matches_brute_force_loops()
    {
        using var scope = NewDisposeScope();
        var real = randn(60, 3, generator: new Generator(11));
        var generated = randn(45, 3, generator: new Generator(12)) + 1.5;
        var (x, y) = (ManifoldTestData.Rows(real), ManifoldTestData.Rows(generated));
        var (realRadii, generatedRadii) = (ManifoldTestData.Radii(x, 3), ManifoldTestData.Radii(y, 3));
        var precision = y.Count(p => ManifoldTestData.BallsContaining(p, x, realRadii) > 0) / (double)y.Length;
        var recall = x.Count(p => ManifoldTestData.BallsContaining(p, y, generatedRadii) > 0) / (double)x.Length;

        // The shifted set gives precision ≈ 0.67 and recall ≈ 0.45, far from the trivial 0 and 1.
        // 100 entries per block forces 1–2 rows per block, so block boundaries are crossed everywhere.
        var result = PrecisionRecall.Compute(real, generated, k: 3, maxBlockElements: 100);

        Assert.Equal(precision, result.Precision, 1e-12);
        Assert.Equal(recall, result.Recall, 1e-12);
        Assert.InRange(result.Precision, 0.05, 0.95);
        Assert.InRange(result.Recall, 0.05, 0.95);
    }

    [Fact]
    public void Given_the_same_set_twice_when_computed_then_precision_and_recall_are_one()
    {
        using var scope = NewDisposeScope();
        var x = randn(200, 5, generator: new Generator(13));

        var result = PrecisionRecall.Compute(x, x);

        Assert.Equal(1.0, result.Precision, 1e-12);
        Assert.Equal(1.0, result.Recall, 1e-12);
    }

    [Fact]
    public void Given_no_more_samples_than_k_when_computed_then_it_throws_a_clear_error()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<LsganException>(() => PrecisionRecall.Compute(randn(3, 2), randn(10, 2)));

        Assert.Contains("at least 4", error.Message);
    }

    private static Tensor Column(params double[] values) => tensor(values, [values.Length, 1], ScalarType.Float64);
}
