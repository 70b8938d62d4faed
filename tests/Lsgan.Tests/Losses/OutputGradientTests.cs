using Lsgan.Losses;
using static TorchSharp.torch;

namespace Lsgan.Tests.Losses;

/// <summary>The losses' closed-form gradients with respect to D's outputs, against autograd and against hand values.</summary>
public class OutputGradientTests
{
    public static TheoryData<string> Losses => new() { "ls(0,1,1)", "ls(-1,1,0)", "ls(0.5,2,-3)", "bce" };

    private static IGanLoss Create(string name) => name switch
    {
        "bce" => new SigmoidCrossEntropyLoss(),
        "ls(0,1,1)" => LeastSquaresLoss.ZeroOneOne(),
        "ls(-1,1,0)" => LeastSquaresLoss.ChiSquared(),
        _ => new LeastSquaresLoss(0.5, 2, -3),
    };

    [Theory]
    [MemberData(nameof(Losses))]
    public void Given_D_outputs_when_the_closed_form_is_taken_then_loss_and_gradient_equal_autograds(string name)
    {
        // Given D's outputs on 5 real and 3 generated points, some far past the labels and the sigmoid's range
        // (σ(30) rounds to 1 in float32: the gradient there is −σ(−30) ≈ −9e-14, not 0)
        var loss = Create(name);
        using var scope = NewDisposeScope();
        var outputs = tensor(new[] { 0.3f, -2f, 30f, 1f, 0f, -0.5f, 12f, -30f }).reshape(8, 1);

        // When the loss and its gradient come from the closed form and from autograd
        var (dLoss, dGradient) = loss.DiscriminatorLossAndGradient(outputs, 5);
        var (dLossAutograd, dGradientAutograd) = OutputGradient.DiscriminatorByAutograd(loss, outputs, 5);
        var fake = outputs.narrow(0, 5, 3);
        var (gLoss, gGradient) = loss.GeneratorLossAndGradient(fake);
        var (gLossAutograd, gGradientAutograd) = OutputGradient.ByAutograd(fake, loss.GeneratorLoss);

        // Then the losses and the gradients agree to float rounding, in shape and value
        Assert.Equal(dLossAutograd.item<float>(), dLoss.item<float>(), 1e-6);
        Assert.Equal(gLossAutograd.item<float>(), gLoss.item<float>(), 1e-6);
        Assert.Equal(outputs.shape, dGradient.shape);
        Assert.Equal(fake.shape, gGradient.shape);
        AssertClose(dGradientAutograd, dGradient);
        AssertClose(gGradientAutograd, gGradient);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Given_outputs_of_two_columns_when_the_closed_form_is_taken_then_it_divides_by_every_output_as_the_mean_does(string name)
    {
        var loss = Create(name);
        using var scope = NewDisposeScope();
        var outputs = tensor(new[] { 0.5f, -1f, 2f, 0.25f, -3f, 1.5f, 0f, 4f, -0.75f, 1f }).reshape(5, 2);

        var (_, dGradient) = loss.DiscriminatorLossAndGradient(outputs, 3);
        var (_, dGradientAutograd) = OutputGradient.DiscriminatorByAutograd(loss, outputs, 3);
        var (_, gGradient) = loss.GeneratorLossAndGradient(outputs);
        var (_, gGradientAutograd) = OutputGradient.ByAutograd(outputs, loss.GeneratorLoss);

        AssertClose(dGradientAutograd, dGradient);
        AssertClose(gGradientAutograd, gGradient);
    }

    [Fact]
    public void Given_two_real_and_two_generated_outputs_when_the_least_squares_gradient_is_taken_then_it_is_the_hand_value()
    {
        // D(x) = [0.5, 2], D(G(z)) = [1, −1], (a, b, c) = (0, 1, 1):
        // ∂/∂D(x) = (D(x) − 1)/2 = [−0.25, 0.5]; ∂/∂D(G(z)) = (D(G(z)) − 0)/2 = [0.5, −0.5]; G: (D(G(z)) − 1)/2 = [0, −1]
        using var scope = NewDisposeScope();
        var outputs = tensor(new[] { 0.5f, 2f, 1f, -1f }).reshape(4, 1);
        var loss = LeastSquaresLoss.ZeroOneOne();

        var (dLoss, dGradient) = loss.DiscriminatorLossAndGradient(outputs, 2);
        var (_, gGradient) = loss.GeneratorLossAndGradient(outputs.narrow(0, 2, 2));

        Assert.Equal(0.8125, dLoss.item<float>(), 1e-6);
        Assert.Equal(new[] { -0.25f, 0.5f, 0.5f, -0.5f }, dGradient.data<float>().ToArray());
        Assert.Equal(new[] { 0f, -1f }, gGradient.data<float>().ToArray());
    }

    [Fact]
    public void Given_one_real_and_one_generated_output_when_the_cross_entropy_gradient_is_taken_then_it_is_the_hand_value()
    {
        // D(x) = ln 3 (σ = 3/4) and D(G(z)) = 0 (σ = 1/2), one of each:
        // ∂ softplus(−t)/∂t = σ(t) − 1 = −1/4 for the real one; ∂ softplus(t)/∂t = σ(t) = 1/2 for the generated one;
        // G's non-saturating loss: σ(0) − 1 = −1/2. Loss: softplus(−ln 3) + softplus(0) = ln(4/3) + ln 2.
        using var scope = NewDisposeScope();
        var outputs = tensor(new[] { (float)Math.Log(3), 0f }).reshape(2, 1);
        var loss = new SigmoidCrossEntropyLoss();

        var (dLoss, dGradient) = loss.DiscriminatorLossAndGradient(outputs, 1);
        var (gLoss, gGradient) = loss.GeneratorLossAndGradient(outputs.narrow(0, 1, 1));

        Assert.Equal(Math.Log(4.0 / 3) + Math.Log(2), dLoss.item<float>(), 1e-6);
        Assert.Equal(-0.25, dGradient[0, 0].item<float>(), 1e-6);
        Assert.Equal(0.5, dGradient[1, 0].item<float>(), 1e-6);
        Assert.Equal(Math.Log(2), gLoss.item<float>(), 1e-6);
        Assert.Equal(-0.5, gGradient[0, 0].item<float>(), 1e-6);
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        var (e, a) = (expected.data<float>().ToArray(), actual.data<float>().ToArray());
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= 1e-5 * Math.Abs(e[i]), $"element {i}: {a[i]} vs autograd's {e[i]}");
    }
}
