using Lsgan.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lsgan.Tests.Models;

/// <summary>The unfold/fold layers against libtorch's own convolutions: outputs and every gradient.</summary>
public class ConvolutionLayerTests
{
    private static Tensor Weight(nn.Module module) => module.named_parameters().Single(p => p.name == "weight").parameter;
    private static Tensor Bias(nn.Module module) => module.named_parameters().Single(p => p.name == "bias").parameter;

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        double scale = expected.abs().max().item<float>();
        double error = (expected - actual).abs().max().item<float>();
        Assert.True(error <= 1e-5 * Math.Max(1, scale), $"{what}: max error {error:g} at scale {scale:g}");
    }

    [Theory]
    [InlineData(64, 1, 14, 4, 2, 1)]   // DCGAN's last generator layer on MNIST
    [InlineData(64, 3, 14, 4, 2, 1)]   // and on RGB images
    [InlineData(5, 2, 7, 3, 2, 0)]     // odd kernel, no padding
    [InlineData(4, 3, 6, 4, 1, 2)]     // stride 1, wide padding
    public void Folded_transposed_convolution_matches_ConvTranspose2d_with_gradients(long inChannels, long outChannels, long size, long kernel, long stride, long padding)
    {
        manual_seed(1);
        using var layer = new FoldedConvTranspose2d(inChannels, outChannels, kernel, stride, padding);
        var x = randn(3, inChannels, size, size).requires_grad_(true);
        var xReference = x.detach().clone().requires_grad_(true);
        var w = Weight(layer).detach().clone().requires_grad_(true);
        var b = Bias(layer).detach().clone().requires_grad_(true);

        var y = layer.call(x);
        var expected = F.conv_transpose2d(xReference, w, b, strides: [stride, stride], padding: [padding, padding]);
        Assert.Equal(expected.shape, y.shape);
        AssertClose(expected, y, "output");

        var upstream = randn(y.shape);
        y.backward([upstream]);
        expected.backward([upstream]);
        AssertClose(xReference.grad!, x.grad!, "input gradient");
        AssertClose(w.grad!, Weight(layer).grad!, "weight gradient");
        AssertClose(b.grad!, Bias(layer).grad!, "bias gradient");
    }

    [Theory]
    [InlineData(1, 64, 28, 4, 2, 1, true)]   // DCGAN's first discriminator layer, input gradient (G's update)
    [InlineData(1, 64, 28, 4, 2, 1, false)]  // and without it (D's update): the plain convolution
    [InlineData(3, 8, 9, 3, 2, 0, true)]
    [InlineData(2, 5, 8, 4, 1, 2, true)]
    public void Unfolded_convolution_matches_Conv2d_with_gradients(long inChannels, long outChannels, long size, long kernel, long stride, long padding, bool inputGradient)
    {
        manual_seed(2);
        using var layer = new UnfoldedConv2d(inChannels, outChannels, kernel, stride, padding);
        var x = randn(3, inChannels, size, size).requires_grad_(inputGradient);
        var xReference = x.detach().clone().requires_grad_(inputGradient);
        var w = Weight(layer).detach().clone().requires_grad_(true);
        var b = Bias(layer).detach().clone().requires_grad_(true);

        var y = layer.call(x);
        var expected = F.conv2d(xReference, w, b, strides: [stride, stride], padding: [padding, padding]);
        Assert.Equal(expected.shape, y.shape);
        AssertClose(expected, y, "output");

        var upstream = randn(y.shape);
        y.backward([upstream]);
        expected.backward([upstream]);
        if (inputGradient) AssertClose(xReference.grad!, x.grad!, "input gradient");
        AssertClose(w.grad!, Weight(layer).grad!, "weight gradient");
        AssertClose(b.grad!, Bias(layer).grad!, "bias gradient");
    }

    [Fact]
    public void Parameter_names_and_shapes_are_those_of_libtorchs_layers_so_checkpoints_interchange()
    {
        using var folded = new FoldedConvTranspose2d(64, 3, 4, 2, 1);
        using var transposed = nn.ConvTranspose2d(64, 3, 4, stride: 2, padding: 1);
        Assert.Equal(transposed.named_parameters().Select(p => (p.name, p.parameter.shape)),
            folded.named_parameters().Select(p => (p.name, p.parameter.shape)));
        using var unfolded = new UnfoldedConv2d(3, 64, 4, 2, 1);
        using var convolution = nn.Conv2d(3, 64, 4, stride: 2, padding: 1);
        Assert.Equal(convolution.named_parameters().Select(p => (p.name, p.parameter.shape)),
            unfolded.named_parameters().Select(p => (p.name, p.parameter.shape)));
    }
}
