using Lsgan.Models.Layers;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lsgan.Tests.Models;

/// <summary>
/// The unfold/fold layers and libtorch's own convolutions, both against the float64 loop reference: outputs and
/// every gradient.
/// </summary>
/// <remarks>
/// These tests used to compare our layers with libtorch directly. On an AMD EPYC Zen 5 (full AVX-512,
/// avx512_vp2intersect) two shapes failed on every run: k4 s1 p2 Conv2d's input gradient ("max error 2.45 at scale
/// 1.69") and k4 s1 p2 ConvTranspose2d's output ("max error 2.03 at scale 1.09"), while both passed on Zen 3 (AVX2).
/// Both are the same oneDNN primitive, convolution backward-data (a deconvolution's forward is computed by it), whose
/// JIT kernel is chosen by ISA; our layers go through unfold/fold loops and a GEMM instead. So both sides are now held
/// to float64. For the shapes no model uses (k3 s2 p0, k4 s1 p2) libtorch's error is only reported, not asserted:
/// it is known to be wrong on some CPUs and nothing here depends on it. For the models' shape (k4 s2 p1) it is
/// asserted, here and layer by layer in <see cref="ModelLayerShapesTests"/>.
/// </remarks>
public class ConvolutionLayerTests(ITestOutputHelper log)
{
    private const int Batch = 3;

    private static Tensor Weight(nn.Module module) => module.named_parameters().Single(p => p.name == "weight").parameter;
    private static Tensor Bias(nn.Module module) => module.named_parameters().Single(p => p.name == "bias").parameter;

    /// <summary>
    /// Redraws a layer's weight and bias from libtorch's default distribution, U(±1/√fan_in), with a generator of
    /// the test's own: the global one is shared with tests running in parallel, so would not give fixed values.
    /// </summary>
    private static T Drawn<T>(T layer, Generator random) where T : nn.Module
    {
        using var noGrad = no_grad();
        var weight = Weight(layer);
        double bound = 1 / Math.Sqrt(weight.shape[1] * weight.shape[2] * weight.shape[3]);
        weight.uniform_(-bound, bound, random);
        Bias(layer).uniform_(-bound, bound, random);
        return layer;
    }

    [Theory]
    [InlineData(64, 1, 14, 4, 2, 1, true)]   // DCGAN's last generator layer on MNIST
    [InlineData(64, 3, 14, 4, 2, 1, true)]   // and on RGB images
    [InlineData(5, 2, 7, 3, 2, 0, false)]    // odd kernel, no padding
    [InlineData(4, 3, 6, 4, 1, 2, false)]    // stride 1, wide padding: libtorch's output was wrong on Zen 5
    public void Given_a_transposed_convolution_when_FoldedConvTranspose2d_and_libtorch_run_it_then_output_and_gradients_match_float64(
        int inChannels, int outChannels, int size, int kernel, int stride, int padding, bool modelShape)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(1);
        using var layer = Drawn(new FoldedConvTranspose2d(inChannels, outChannels, kernel, stride, padding), random);
        var shape = new ConvolutionShape(Batch, inChannels, outChannels, size, kernel, stride, padding);
        var x = randn([Batch, inChannels, size, size], generator: random);
        var upstream = randn([Batch, outChannels, shape.TransposedOutSize, shape.TransposedOutSize], generator: random);
        var reference = ConvolutionReference.ConvTranspose2d(shape, LayerPass.Values(x), LayerPass.Values(Weight(layer)),
            LayerPass.Values(Bias(layer)), LayerPass.Values(upstream));

        var ours = LayerPass.Run(layer.call, x, inputGradient: true, upstream, Weight(layer), Bias(layer));
        var (w, b) = (Weight(layer).detach().clone().requires_grad_(true), Bias(layer).detach().clone().requires_grad_(true));
        var libtorch = LayerPass.Run(input => F.conv_transpose2d(input, w, b, strides: [stride, stride], padding: [padding, padding]),
            x, inputGradient: true, upstream, w, b);

        Check(shape, reference, ours, libtorch, modelShape);
    }

    [Theory]
    [InlineData(1, 64, 28, 4, 2, 1, true, true)]    // DCGAN's first discriminator layer, input gradient (G's update)
    [InlineData(1, 64, 28, 4, 2, 1, false, true)]   // and without it (D's update): the plain convolution
    [InlineData(3, 64, 28, 4, 2, 1, true, true)]    // on RGB images
    [InlineData(3, 8, 9, 3, 2, 0, true, false)]     // odd kernel, no padding
    [InlineData(2, 5, 8, 4, 1, 2, true, false)]     // stride 1, wide padding: libtorch's input gradient was wrong on Zen 5
    public void Given_a_convolution_when_UnfoldedConv2d_and_libtorch_run_it_then_output_and_gradients_match_float64(
        int inChannels, int outChannels, int size, int kernel, int stride, int padding, bool inputGradient, bool modelShape)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(2);
        using var layer = Drawn(new UnfoldedConv2d(inChannels, outChannels, kernel, stride, padding), random);
        var shape = new ConvolutionShape(Batch, inChannels, outChannels, size, kernel, stride, padding);
        var x = randn([Batch, inChannels, size, size], generator: random);
        var upstream = randn([Batch, outChannels, shape.ConvolutionOutSize, shape.ConvolutionOutSize], generator: random);
        var reference = ConvolutionReference.Conv2d(shape, LayerPass.Values(x), LayerPass.Values(Weight(layer)),
            LayerPass.Values(Bias(layer)), LayerPass.Values(upstream));
        if (!inputGradient) reference = reference with { InputGradient = null };

        var ours = LayerPass.Run(layer.call, x, inputGradient, upstream, Weight(layer), Bias(layer));
        var (w, b) = (Weight(layer).detach().clone().requires_grad_(true), Bias(layer).detach().clone().requires_grad_(true));
        var libtorch = LayerPass.Run(input => F.conv2d(input, w, b, strides: [stride, stride], padding: [padding, padding]),
            x, inputGradient, upstream, w, b);

        Check(shape, reference, ours, libtorch, modelShape);
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

    private void Check(ConvolutionShape shape, LayerPass reference, LayerPass ours, LayerPass libtorch, bool modelShape)
    {
        var oursParts = PassComparison.Compare(reference, ours);
        var libtorchParts = PassComparison.Compare(reference, libtorch);
        log.WriteLine($"{shape}\n  ours:     {string.Join("; ", oursParts)}\n  libtorch: {string.Join("; ", libtorchParts)}");
        var failures = PassComparison.Failures(oursParts).Select(p => $"ours, {p}")
            .Concat(modelShape ? PassComparison.Failures(libtorchParts).Select(p => $"libtorch, {p}") : []);
        Assert.True(!failures.Any(), $"{shape}, against float64: {string.Join("; ", failures)}");
    }
}
