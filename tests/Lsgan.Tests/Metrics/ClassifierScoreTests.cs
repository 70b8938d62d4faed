using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Tests.Metrics;

public class ClassifierScoreTests
{
    // Logits whose softmax is p again: log p, with −1000 standing for log 0 (e⁻¹⁰⁰⁰ is exactly 0 in float64).
    private static Tensor Logits(Tensor probabilities) => probabilities.to_type(ScalarType.Float64).log().clamp_min(-1000);

    [Fact]
    public void Given_confident_predictions_spread_evenly_over_k_classes_when_scored_then_the_score_is_k_in_every_split()
    {
        // 10 splits of 20 one-hot rows, each split holding every one of K = 5 classes 4 times:
        // p(y) is uniform, each KL(p(y|x) ‖ p(y)) = ln 5, so every split scores exactly 5.
        using var scope = NewDisposeScope();
        var probabilities = nn.functional.one_hot(arange(200, ScalarType.Int64) % 5, 5).to_type(ScalarType.Float64);

        var result = ClassifierScore.FromLogits(Logits(probabilities));

        Assert.Equal(5.0, result.Mean, 1e-12);
        Assert.Equal(0.0, result.StandardDeviation, 1e-12);
        Assert.Equal(10, result.Splits);
    }

    [Fact]
    public void Given_large_margin_logits_when_scored_then_the_score_is_k_within_rounding()
    {
        // A margin of 50 leaves e⁻⁵⁰ ≈ 2e-22 on the other classes: the score is K to far below 1e-9.
        using var scope = NewDisposeScope();
        var logits = nn.functional.one_hot(arange(300, ScalarType.Int64) % 3, 3).to_type(ScalarType.Float32) * 50;

        var result = ClassifierScore.FromLogits(logits, splits: 1);

        Assert.Equal(3.0, result.Mean, 1e-9);
    }

    [Fact]
    public void Given_identical_predictions_when_scored_then_the_score_is_one()
    {
        // Every p(y|x) equals p(y), so each KL is 0 and exp(0) = 1, however confident the prediction.
        using var scope = NewDisposeScope();
        var probabilities = tensor(new[] { 0.7, 0.2, 0.1, 0.0 }).unsqueeze(0).expand(40, 4);

        var result = ClassifierScore.FromLogits(Logits(probabilities), splits: 4);

        Assert.Equal(1.0, result.Mean, 1e-12);
        Assert.Equal(0.0, result.StandardDeviation, 1e-12);
    }

    [Fact]
    public void Given_two_hand_worked_predictions_when_scored_then_the_score_matches_the_formula()
    {
        // p(y|x₁) = (0.9, 0.1), p(y|x₂) = (0.1, 0.9): p(y) = (½, ½) and both KLs are
        // 0.9 ln(0.9/0.5) + 0.1 ln(0.1/0.5), so the score is exp of that.
        using var probabilities = tensor(new[] { 0.9, 0.1, 0.1, 0.9 }, [2, 2]);
        var expected = Math.Exp(0.9 * Math.Log(1.8) + 0.1 * Math.Log(0.2));

        var result = ClassifierScore.FromLogits(Logits(probabilities), splits: 1);

        Assert.Equal(expected, result.Mean, 1e-12);
    }

    [Fact]
    public void Given_more_splits_than_samples_when_scored_then_it_throws_a_clear_error()
    {
        using var logits = randn(5, 10);

        var error = Assert.Throws<LsganException>(() => ClassifierScore.FromLogits(logits, splits: 10));

        Assert.Contains("between 1 and 5 splits", error.Message);
    }
}
