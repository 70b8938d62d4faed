using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Lsgan.Models;

/// <summary>
/// The layers of Keras-GAN's LSGAN discriminator (eriklindernoren/Keras-GAN, lsgan.py): C·H·W → 512 → 256 → 1
/// with LeakyReLU(0.2), raw output; the hidden widths are <see cref="ModelConfig.DiscriminatorHidden"/>. Keras-GAN has no batch norm in D, so the mlp family leaves it off by default
/// (<see cref="ModelFamilies"/>); with it on, a BatchNorm1d follows each hidden activation.
/// </summary>
/// <remarks>Initialised as every lsgan network is, not as Keras does (see <see cref="MlpGenerator"/>).</remarks>
public sealed class MlpDiscriminator : Module<Tensor, Tensor>
{
    /// <summary>Keras-GAN's hidden widths.</summary>
    public static readonly int[] DefaultHidden = [512, 256];

    private readonly Sequential layers;

    public MlpDiscriminator(ModelConfig config) : base(nameof(MlpDiscriminator))
    {
        long pixels = config.Channels * config.ImageSize * config.ImageSize;
        var blocks = new List<(string, Module<Tensor, Tensor>)> { ("flatten", Flatten()) };
        long width = pixels;
        int[] hidden = config.DiscriminatorHidden ?? DefaultHidden;
        for (int i = 0; i < hidden.Length; i++)
        {
            long next = hidden[i];
            string name = MlpGenerator.LayerName(hidden, i);
            blocks.Add(($"linear{name}", Linear(width, next)));
            blocks.Add(($"act{name}", LeakyReLU(0.2)));
            if (config.DiscriminatorBatchNorm) blocks.Add(($"bn{name}", BatchNorm1d(next)));
            width = next;
        }
        blocks.Add(("output", Linear(width, 1)));
        layers = Sequential(blocks);
        RegisterComponents();
    }

    public override Tensor forward(Tensor images) => layers.call(images);
}
