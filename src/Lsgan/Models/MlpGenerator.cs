using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Lsgan.Models;

/// <summary>
/// The layers of Keras-GAN's LSGAN generator (eriklindernoren/Keras-GAN, lsgan.py): z → 256 → 512 → 1024 → C·H·W,
/// each hidden layer Linear → LeakyReLU(0.2) → BatchNorm with Keras' momentum 0.8, tanh output. The hidden widths
/// are <see cref="ModelConfig.GeneratorHidden"/> (Keras-GAN's by default).
/// </summary>
/// <remarks>
/// Only the layers follow Keras-GAN. The initialisation is lsgan's for every network (<see cref="ModelFactory"/>):
/// weights N(0, 0.02), batch-norm scales N(1, 0.02), biases 0, where Keras starts from Glorot-uniform weights and
/// unit scales; and batch norm uses PyTorch's eps 1e-5, not Keras' 1e-3.
/// </remarks>
public sealed class MlpGenerator : Module<Tensor, Tensor>
{
    // Keras' BatchNormalization(momentum=0.8) keeps 0.8 of the running average; in PyTorch's
    // convention (weight of the new batch) that is 0.2.
    private const double BatchNormMomentum = 0.2;

    /// <summary>Keras-GAN's hidden widths.</summary>
    public static readonly int[] DefaultHidden = [256, 512, 1024];

    private readonly Sequential layers;
    private readonly long[] imageShape;

    public MlpGenerator(ModelConfig config) : base(nameof(MlpGenerator))
    {
        imageShape = [config.Channels, config.ImageSize, config.ImageSize];
        long pixels = config.Channels * config.ImageSize * config.ImageSize;
        var blocks = new List<(string, Module<Tensor, Tensor>)>();
        long width = config.LatentDim;
        int[] hidden = config.GeneratorHidden ?? DefaultHidden;
        for (int i = 0; i < hidden.Length; i++)
        {
            long next = hidden[i];
            string name = LayerName(hidden, i);
            blocks.Add(($"linear{name}", Linear(width, next)));
            blocks.Add(($"act{name}", LeakyReLU(0.2)));
            if (config.GeneratorBatchNorm) blocks.Add(($"bn{name}", BatchNorm1d(next, momentum: BatchNormMomentum)));
            width = next;
        }
        blocks.Add(("output", Linear(width, pixels)));
        blocks.Add(("tanh", Tanh()));
        layers = Sequential(blocks);
        RegisterComponents();
    }

    /// <summary>
    /// The name of hidden layer <paramref name="i"/> in the checkpoint's keys: its width, as the fixed layers always
    /// had (so older checkpoints load), with its position added when an earlier layer has the same width.
    /// </summary>
    internal static string LayerName(int[] widths, int i) =>
        Array.IndexOf(widths, widths[i]) == i ? $"{widths[i]}" : $"{widths[i]}_{i}";

    public override Tensor forward(Tensor z)
    {
        var flat = layers.call(z);
        return flat.view([z.shape[0], .. imageShape]);
    }
}
