using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Tests.Metrics;

public class ClassCoverageTests
{
    [Fact]
    public void Given_predictions_over_four_classes_when_computed_then_histogram_count_and_kl_match_the_hand_calculation()
    {
        // Classes 0,0,0,1,1,2 of K = 4: p = (1/2, 1/3, 1/6, 0), three classes above 1 %, and
        // KL(p ‖ uniform) = ½ ln(½·4) + ⅓ ln(⅓·4) + ⅙ ln(⅙·4) + 0 (0 log 0 = 0).
        using var predictions = tensor(new long[] { 0, 0, 0, 1, 1, 2 });
        var expectedKl = 0.5 * Math.Log(2) + Math.Log(4.0 / 3) / 3 + Math.Log(4.0 / 6) / 6;

        var result = ClassCoverage.Compute(predictions, classCount: 4);

        Assert.Equal([3L, 2, 1, 0], result.Histogram);
        Assert.Equal(3, result.ClassesCovered);
        Assert.Equal(expectedKl, result.KlFromUniform, 1e-12);
    }

    [Fact]
    public void Given_balanced_predictions_when_computed_then_every_class_is_covered_and_kl_is_zero()
    {
        using var predictions = arange(100, ScalarType.Int64) % 10;

        var result = ClassCoverage.Compute(predictions, classCount: 10);

        Assert.Equal(10, result.ClassesCovered);
        Assert.Equal(0.0, result.KlFromUniform, 1e-12);
    }

    [Fact]
    public void Given_every_prediction_in_one_class_when_computed_then_kl_is_log_k()
    {
        using var predictions = full(50, 7, ScalarType.Int32);

        var result = ClassCoverage.Compute(predictions, classCount: 10);

        Assert.Equal(1, result.ClassesCovered);
        Assert.Equal(Math.Log(10), result.KlFromUniform, 1e-12);
    }

    [Fact]
    public void Given_a_class_with_one_of_150_samples_when_computed_then_it_is_below_the_one_percent_threshold()
    {
        // 1/150 ≈ 0.67 % < 1 %, while 149/150 is above it.
        var result = ClassCoverage.FromHistogram([149, 1, 0]);

        Assert.Equal(1, result.ClassesCovered);
    }

    [Fact]
    public void Given_a_class_index_outside_the_range_when_computed_then_it_throws_a_clear_error()
    {
        using var predictions = tensor(new long[] { 0, 3, 10 });

        var error = Assert.Throws<LsganException>(() => ClassCoverage.Compute(predictions, classCount: 10));

        Assert.Contains("from 0 to 10", error.Message);
    }

    [Fact]
    public void Given_logits_instead_of_indices_when_computed_then_it_throws_a_clear_error()
    {
        using var logits = randn(5, 10);

        var error = Assert.Throws<LsganException>(() => ClassCoverage.Compute(logits, classCount: 10));

        Assert.Contains("argmax", error.Message);
    }
}
