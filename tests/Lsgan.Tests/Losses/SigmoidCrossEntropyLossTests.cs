using Lsgan.Losses;
using static TorchSharp.torch;

namespace Lsgan.Tests.Losses;

public class SigmoidCrossEntropyLossTests
{
    private const double Tolerance = 1e-5;

    private static double Sigmoid(double t) => 1 / (1 + Math.Exp(-t));

    [Fact]
    public void Discriminator_loss_is_binary_cross_entropy_of_the_logits()
    {
        double[] realLogits = [0.3, -1.2], fakeLogits = [2.0, -0.5];
        using var real = tensor(realLogits.Select(v => (float)v).ToArray());
        using var fake = tensor(fakeLogits.Select(v => (float)v).ToArray());

        using var loss = new SigmoidCrossEntropyLoss().DiscriminatorLoss(real, fake);

        double expected = realLogits.Average(t => -Math.Log(Sigmoid(t))) + fakeLogits.Average(t => -Math.Log(1 - Sigmoid(t)));
        Assert.Equal(expected, loss.item<float>(), Tolerance);
    }

    [Fact]
    public void Generator_loss_is_the_non_saturating_minus_log_sigmoid()
    {
        double[] logits = [-3.0, 0.0, 1.5];
        using var fake = tensor(logits.Select(v => (float)v).ToArray());

        using var loss = new SigmoidCrossEntropyLoss().GeneratorLoss(fake);

        Assert.Equal(logits.Average(t => -Math.Log(Sigmoid(t))), loss.item<float>(), Tolerance);
    }

    [Fact]
    public void Losses_stay_finite_for_extreme_logits()
    {
        using var real = tensor(new[] { -200f });
        using var fake = tensor(new[] { 200f });

        using var loss = new SigmoidCrossEntropyLoss().DiscriminatorLoss(real, fake);

        Assert.Equal(400.0, loss.item<float>(), 1e-3);
    }
}
