using static TorchSharp.torch;

namespace Lsgan.Models;

/// <summary>
/// A network family lsgan can train, registered once in <see cref="ModelFamilies"/>: its name (the
/// <see cref="ModelConfig.Kind"/> of configs and checkpoints), its defaults, and how it builds its two networks.
/// </summary>
/// <param name="Name">The kind as configs, checkpoints and --model spell it.</param>
/// <param name="Description">What the networks are and what they follow, for help texts.</param>
/// <param name="DiscriminatorBatchNorm">Whether D has batch norm when a config does not say.</param>
/// <param name="Generator">Builds G from a config; the flag asks for the unfold/fold form of image-side layers where the family has one.</param>
/// <param name="Discriminator">Builds D from a config; the same flag.</param>
public sealed record ModelFamily(
    string Name,
    string Description,
    bool DiscriminatorBatchNorm,
    Func<ModelConfig, bool, nn.Module<Tensor, Tensor>> Generator,
    Func<ModelConfig, bool, nn.Module<Tensor, Tensor>> Discriminator)
{
    /// <summary>The image sizes the networks draw, the first being the default; null when they take any (default 28).</summary>
    public IReadOnlyList<int>? ImageSizes { get; init; }

    /// <summary>The size of z when a config does not say.</summary>
    public int LatentDim { get; init; } = 100;

    /// <summary>How z is drawn when a config does not say.</summary>
    public string Latent { get; init; } = LatentDistribution.Normal;

    /// <summary>The learning rate of G and D when the command line does not say; null for the trainer's default (2e-4).</summary>
    public double? LearningRate { get; init; }

    /// <summary>True when both networks take a class label beside their input (<see cref="IConditionalNetwork"/>).</summary>
    public bool Conditional { get; init; }

    /// <summary>The hidden widths of G and D when a config does not say; null for families whose layers are fixed.</summary>
    public (int[] Generator, int[] Discriminator)? Hidden { get; init; }

    /// <summary>The image size a config of this family has when it does not say.</summary>
    public int DefaultImageSize => ImageSizes?[0] ?? 28;
}
