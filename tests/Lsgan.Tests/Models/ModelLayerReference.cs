using Lsgan.Models.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lsgan.Tests.Models;

/// <summary>The float64 reference pass of one of the models' layers, read off the layer's own parameters and settings.</summary>
internal static class ModelLayerReference
{
    // DcganGenerator and DcganDiscriminator build both unfold/fold layers with stride 2 and padding 1, which those
    // layers keep private. Were a model to change them, the reference's output would no longer have the layer's
    // shape and the comparison would fail on it.
    private const int UnfoldedStride = 2, UnfoldedPadding = 1;

    /// <summary>Layers that only reshape, so have nothing to compute.</summary>
    public static bool OnlyReshapes(nn.Module layer) => layer is Flatten;

    /// <summary>The reference pass for <paramref name="layer"/> on input <paramref name="x"/>, back-propagating <paramref name="upstream"/>.</summary>
    public static LayerPass Run(nn.Module layer, Tensor x, Tensor upstream)
    {
        double[] input = LayerPass.Values(x), g = LayerPass.Values(upstream);
        var parameters = layer.named_parameters(recurse: false).ToDictionary(p => p.name, p => LayerPass.Values(p.parameter));
        int batch = (int)x.shape[0];
        double[] Weight() => parameters["weight"];
        double[] Bias() => parameters["bias"];
        return layer switch
        {
            Linear linear => DenseReference.Linear(batch, (int)linear.in_features, (int)linear.out_features, input, Weight(), Bias(), g),
            Conv2d conv => ConvolutionReference.Conv2d(Shape(conv, x, conv.out_channels), input, Weight(), Bias(), g),
            ConvTranspose2d conv => ConvolutionReference.ConvTranspose2d(Shape(conv, x, conv.out_channels), input, Weight(), Bias(), g),
            UnfoldedConv2d => ConvolutionReference.Conv2d(Shape(x, layer, transposed: false), input, Weight(), Bias(), g),
            FoldedConvTranspose2d => ConvolutionReference.ConvTranspose2d(Shape(x, layer, transposed: true), input, Weight(), Bias(), g),
            BatchNorm1d or BatchNorm2d => DenseReference.BatchNorm(batch, (int)x.shape[1], (int)(x.numel() / batch / x.shape[1]),
                input, Weight(), Bias(), ((NormBase)layer).eps, g),
            LeakyReLU leaky => DenseReference.LeakyReLU(leaky.negative_slope, input, g),
            ReLU => DenseReference.LeakyReLU(0, input, g),
            Tanh => DenseReference.Tanh(input, g),
            _ => throw new InvalidOperationException($"no float64 reference for {layer.GetType().Name}"),
        };
    }

    private static ConvolutionShape Shape(Convolution conv, Tensor x, long outChannels)
    {
        // The reference is for square kernels, equal strides, paddings and output paddings, no dilation or groups.
        var padding = conv.padding ?? throw new InvalidOperationException("a padding mode rather than sizes");
        long[] outputPadding = conv.output_padding ?? [0];
        Assert.True(conv.kernel_size.Distinct().Count() == 1 && conv.stride.Distinct().Count() == 1 && padding.Distinct().Count() == 1
            && outputPadding.Distinct().Count() == 1, "not square");
        Assert.True(conv.groups == 1 && conv.dilation.All(d => d == 1), "groups or dilation");
        return new ConvolutionShape((int)x.shape[0], (int)x.shape[1], (int)outChannels, (int)x.shape[2],
            (int)conv.kernel_size[0], (int)conv.stride[0], (int)padding[0])
        { OutputPadding = (int)outputPadding[0] };
    }

    private static ConvolutionShape Shape(Tensor x, nn.Module layer, bool transposed)
    {
        var weight = layer.named_parameters(recurse: false).Single(p => p.name == "weight").parameter.shape;
        // Conv2d's weight is [out, in, k, k]; ConvTranspose2d's [in, out, k, k].
        long outChannels = transposed ? weight[1] : weight[0];
        return new ConvolutionShape((int)x.shape[0], (int)x.shape[1], (int)outChannels, (int)x.shape[2],
            (int)weight[2], UnfoldedStride, UnfoldedPadding);
    }
}
