namespace Lsgan.Tests.Models;

/// <summary>The float64 linear, batch-norm and activation references checked on cases worked out by hand.</summary>
public class DenseReferenceTests
{
    [Fact]
    public void Given_one_row_when_a_linear_layer_runs_then_output_and_gradients_are_the_hand_worked_ones()
    {
        // weight [out 3, in 2] = rows (1 0), (0 1), (1 1), bias (0, 0, 1), x = (1, 2): y = (1, 2, 4). Upstream
        // (1, 2, 3): dx = g·W = (1 + 3, 2 + 3), dW = gᵀx = rows (1 2), (2 4), (3 6), db = g.
        var pass = DenseReference.Linear(1, 2, 3, [1, 2], [1, 0, 0, 1, 1, 1], [0, 0, 1], [1, 2, 3]);

        Assert.Equal([1, 2, 4], pass.Output);
        Assert.Equal([4, 5], pass.InputGradient!);
        Assert.Equal([1, 2, 2, 4, 3, 6], pass.WeightGradient!);
        Assert.Equal([1, 2, 3], pass.BiasGradient!);
    }

    [Fact]
    public void Given_a_channel_with_mean_0_and_variance_1_when_batch_norm_trains_then_output_and_gradients_are_the_hand_worked_ones()
    {
        // x = (−1, −1, 1, 1): mean 0, biased variance 1, so with eps 0 x̂ = x; γ = 2, β = ½ give y = 2x + ½.
        // Upstream (1, 0, 0, 0): dβ = Σg = 1, dγ = Σ g·x̂ = −1, and dx = γ/(σ·m)·(m·g − Σg − x̂·Σ g·x̂)
        // = 2/4·((4, 0, 0, 0) − 1 + x̂) = ½·(2, −2, 0, 0): raising x0 also raises the mean the others are measured from.
        var pass = DenseReference.BatchNorm(4, 1, 1, [-1, -1, 1, 1], [2], [0.5], 0, [1, 0, 0, 0]);

        Assert.Equal([-1.5, -1.5, 2.5, 2.5], pass.Output);
        Assert.Equal([1, -1, 0, 0], pass.InputGradient!);
        Assert.Equal([-1.0], pass.WeightGradient!);
        Assert.Equal([1.0], pass.BiasGradient!);
    }

    [Fact]
    public void Given_two_channels_and_spatial_values_when_batch_norm_trains_then_each_channel_uses_its_own_batch_statistics()
    {
        // x [batch 2, channels 2, spatial 2] = n0: c0 (0, 2), c1 (10, 10); n1: c0 (0, 2), c1 (30, 30). Channel 0 has
        // values (0, 2, 0, 2), mean 1, variance 1; channel 1 (10, 10, 30, 30), mean 20, variance 100.
        var pass = DenseReference.BatchNorm(2, 2, 2, [0, 2, 10, 10, 0, 2, 30, 30], [1, 1], [0, 0], 0, new double[8]);

        Assert.Equal([-1, 1, -1, -1, -1, 1, 1, 1], pass.Output);
    }

    [Fact]
    public void Given_negative_and_positive_inputs_when_the_activations_run_then_values_and_slopes_are_the_hand_worked_ones()
    {
        double[] x = [-2, 3], g = [1, 10];

        var leaky = DenseReference.LeakyReLU(0.2, x, g);
        var relu = DenseReference.LeakyReLU(0, x, g);
        var tanh = DenseReference.Tanh([0, 1], g);

        Assert.Equal([-0.4, 3], leaky.Output);
        Assert.Equal([0.2, 10], leaky.InputGradient!);
        Assert.Equal([0, 3], relu.Output);
        Assert.Equal([0, 10], relu.InputGradient!);
        Assert.Equal(Math.Tanh(1), tanh.Output[1]);
        // tanh′ = 1 − tanh²: 1 at 0; 1 − tanh²(1) = 1/cosh²(1) at 1.
        Assert.Equal([1, 10 / Math.Pow(Math.Cosh(1), 2)], tanh.InputGradient!, (a, b) => Math.Abs(a - b) < 1e-15);
    }
}
