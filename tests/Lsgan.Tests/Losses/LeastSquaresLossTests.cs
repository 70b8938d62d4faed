using Lsgan.Losses;
using static TorchSharp.torch;

namespace Lsgan.Tests.Losses;

public class LeastSquaresLossTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void Discriminator_loss_with_labels_0_1_1_matches_a_hand_computation()
    {
        // Given D(x) = [0.5, 2] and D(G(z)) = [1, −1] with (a, b, c) = (0, 1, 1)
        using var real = tensor(new[] { 0.5f, 2f });
        using var fake = tensor(new[] { 1f, -1f });

        // When the D loss is computed
        using var loss = LeastSquaresLoss.ZeroOneOne().DiscriminatorLoss(real, fake);

        // Then it is ½·mean((0.5−1)², (2−1)²) + ½·mean((1−0)², (−1−0)²) = ½·0.625 + ½·1 = 0.8125
        Assert.Equal(0.8125, loss.item<float>(), Tolerance);
    }

    [Fact]
    public void Generator_loss_with_labels_0_1_1_matches_a_hand_computation()
    {
        using var fake = tensor(new[] { 1f, -1f, 0.25f });

        using var loss = LeastSquaresLoss.ZeroOneOne().GeneratorLoss(fake);

        // ½·mean(0², (−2)², (−0.75)²) = ½·(0 + 4 + 0.5625)/3 = 0.76041666…
        Assert.Equal(4.5625 / 6, loss.item<float>(), Tolerance);
    }

    [Fact]
    public void Chi_squared_preset_uses_labels_minus1_1_0()
    {
        using var real = tensor(new[] { 0f, 3f });
        using var fake = tensor(new[] { 1f, -3f });
        var loss = LeastSquaresLoss.ChiSquared();

        using var d = loss.DiscriminatorLoss(real, fake);
        using var g = loss.GeneratorLoss(fake);

        // D: ½·mean((0−1)², (3−1)²) + ½·mean((1+1)², (−3+1)²) = ½·2.5 + ½·4 = 3.25
        Assert.Equal(3.25, d.item<float>(), Tolerance);
        // G: ½·mean((1−0)², (−3−0)²) = ½·5 = 2.5
        Assert.Equal(2.5, g.item<float>(), Tolerance);
        Assert.Equal((-1.0, 1.0, 0.0), (loss.A, loss.B, loss.C));
    }

    [Fact]
    public void Loss_is_on_the_raw_output_so_values_beyond_the_sigmoid_range_are_penalised()
    {
        // Given D outputs 5 on a real image (far past b = 1): a sigmoid would hide this, least squares must not.
        using var real = tensor(new[] { 5f });
        using var fake = tensor(new[] { 0f });

        using var loss = LeastSquaresLoss.ZeroOneOne().DiscriminatorLoss(real, fake);

        Assert.Equal(0.5 * 16, loss.item<float>(), Tolerance);
    }

    [Fact]
    public void Gradient_of_the_generator_loss_is_the_mean_residual()
    {
        // d/dD ½·mean((D − c)²) = (D − c)/n
        using var fake = tensor(new[] { 3f, -1f }, requires_grad: true);
        using var loss = new LeastSquaresLoss(0, 1, 1).GeneratorLoss(fake);
        loss.backward();

        var grad = fake.grad!.data<float>().ToArray();
        Assert.Equal(1.0, grad[0], Tolerance);
        Assert.Equal(-1.0, grad[1], Tolerance);
    }
}
