using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Lsgan.Models;

/// <summary>
/// Keras-GAN's LSGAN discriminator: C·H·W → 512 → 256 → 1 with LeakyReLU(0.2), raw output.
/// With batch norm on, a BatchNorm1d follows each hidden activation (Keras-GAN has none in D).
/// </summary>
public sealed class MlpDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public MlpDiscriminator(ModelConfig config) : base(nameof(MlpDiscriminator))
    {
        long pixels = config.Channels * config.ImageSize * config.ImageSize;
        var blocks = new List<(string, Module<Tensor, Tensor>)> { ("flatten", Flatten()) };
        long width = pixels;
        foreach (long next in new long[] { 512, 256 })
        {
            blocks.Add(($"linear{next}", Linear(width, next)));
            blocks.Add(($"act{next}", LeakyReLU(0.2)));
            if (config.DiscriminatorBatchNorm) blocks.Add(($"bn{next}", BatchNorm1d(next)));
            width = next;
        }
        blocks.Add(("output", Linear(width, 1)));
        layers = Sequential(blocks);
        RegisterComponents();
    }

    public override Tensor forward(Tensor images) => layers.call(images);
}
