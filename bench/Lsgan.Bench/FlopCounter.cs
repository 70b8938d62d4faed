using Lsgan.Models.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>
/// Counts multiply-accumulates of the linear, convolution and transposed-convolution layers of a network
/// for one image, from the shapes seen in a real forward pass (forward hooks on every leaf layer).
/// Batch norm, activations and bias adds are left out: they are a few percent of the work.
/// </summary>
public static class FlopCounter
{
    /// <summary>MACs of one forward pass of <paramref name="module"/> for one sample of <paramref name="inputShape"/> (without the batch dimension).</summary>
    public static long ForwardMacs(nn.Module<Tensor, Tensor> module, params long[] inputShape)
    {
        long macs = 0;
        var removers = new List<Action>();
        foreach (var (_, child) in module.named_modules())
        {
            if (child is not nn.Module<Tensor, Tensor> layer) continue;
            if (child is not (Linear or Conv2d or ConvTranspose2d or UnfoldedConv2d or FoldedConvTranspose2d)) continue;
            var remover = layer.register_forward_hook((m, input, output) =>
            {
                macs += LayerMacs(m, input, output);
                return output;
            });
            removers.Add(remover.remove);
        }
        bool wasTraining = module.training;
        module.eval();
        try
        {
            using var noGrad = no_grad();
            using var input = zeros([1, .. inputShape]);
            using var output = module.call(input);
        }
        finally
        {
            foreach (var remove in removers) remove();
            module.train(wasTraining);
        }
        return macs;
    }

    /// <summary>
    /// FLOPs (2 per MAC) per image of one training step: G forward + backward (≈ 3× forward) and three D
    /// passes — real, detached fake, fake for G — each with its backward (≈ 3× forward each).
    /// </summary>
    public static long TrainingStepFlops(long generatorMacs, long discriminatorMacs) =>
        2 * (3 * generatorMacs + 3 * 3 * discriminatorMacs);

    private static long LayerMacs(nn.Module module, Tensor input, Tensor output)
    {
        var weight = module.named_parameters(recurse: false).Single(p => p.name == "weight").parameter;
        long weightCount = weight.numel();
        return module switch
        {
            // Every weight meets every sample once.
            Linear => weightCount * (output.numel() / output.shape[^1]) / output.shape[0],
            // Every weight meets every output position once.
            Conv2d or UnfoldedConv2d => weightCount * output.shape[2] * output.shape[3],
            // Every weight meets every input position once.
            _ => weightCount * input.shape[2] * input.shape[3],
        };
    }
}
