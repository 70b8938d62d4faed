using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lsgan.Models.Layers;

/// <summary>libtorch's default initialisation of a convolution's weight and bias, for layers that hold their own.</summary>
internal static class ConvolutionInit
{
    /// <summary>
    /// Kaiming-uniform weights (a = √5) and a bias uniform in ±1/√fan_in, fan_in being weight dimension 1 times the
    /// kernel area — for Conv2d ([out, in, k, k]) and ConvTranspose2d ([in, out, k, k]) alike, as libtorch does.
    /// The models re-draw theirs from N(0, 0.02); this keeps a layer built on its own usable.
    /// </summary>
    public static void Default(Parameter weight, Parameter bias)
    {
        using var noGrad = no_grad();
        nn.init.kaiming_uniform_(weight, Math.Sqrt(5));
        double bound = 1 / Math.Sqrt(weight.shape[1] * weight.shape[2] * weight.shape[3]);
        nn.init.uniform_(bias, -bound, bound);
    }
}
