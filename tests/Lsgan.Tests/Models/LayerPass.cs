using static TorchSharp.torch;

namespace Lsgan.Tests.Models;

/// <summary>
/// One forward and backward pass of a layer, as float64 arrays: its output and the gradients of Σ upstream·output
/// with respect to its input, weight and bias (null where the layer has none or it was not asked for).
/// </summary>
internal sealed record LayerPass(double[] Output, double[]? InputGradient, double[]? WeightGradient, double[]? BiasGradient)
{
    /// <summary>Copies a float32 tensor's values out, in row-major order.</summary>
    public static double[] Values(Tensor tensor) =>
        Array.ConvertAll(tensor.detach().contiguous().data<float>().ToArray(), v => (double)v);

    /// <summary>
    /// Runs a float32 layer on a copy of <paramref name="input"/>, back-propagates <paramref name="upstream"/> and
    /// copies everything out. <paramref name="weight"/> and <paramref name="bias"/> are the leaf tensors the layer
    /// uses; their gradients are zeroed first so that earlier passes do not add in.
    /// </summary>
    public static LayerPass Run(Func<Tensor, Tensor> layer, Tensor input, bool inputGradient, Tensor upstream,
        Tensor? weight = null, Tensor? bias = null)
    {
        weight?.grad?.zero_();
        bias?.grad?.zero_();
        var x = input.detach().clone().requires_grad_(inputGradient);
        var y = layer(x);
        y.backward([upstream]);
        return new LayerPass(Values(y),
            inputGradient ? Values(x.grad!) : null,
            weight is null ? null : Values(weight.grad!),
            bias is null ? null : Values(bias.grad!));
    }
}
