using static TorchSharp.torch;

namespace Lsgan.Models;

/// <summary>
/// A network family lsgan can train, registered once in <see cref="ModelFamilies"/>: its name (the
/// <see cref="ModelConfig.Kind"/> of configs and checkpoints), its defaults, and how it builds its two networks.
/// </summary>
/// <param name="Name">The kind as configs, checkpoints and --model spell it.</param>
/// <param name="Description">What the networks are and what they follow, for help texts.</param>
/// <param name="DiscriminatorBatchNorm">Whether D has batch norm when a config does not say.</param>
/// <param name="ImageSize">The only image size the networks draw, or null when they take any.</param>
/// <param name="Generator">Builds G from a config; the flag asks for the unfold/fold form of image-side layers where the family has one.</param>
/// <param name="Discriminator">Builds D from a config; the same flag.</param>
public sealed record ModelFamily(
    string Name,
    string Description,
    bool DiscriminatorBatchNorm,
    int? ImageSize,
    Func<ModelConfig, bool, nn.Module<Tensor, Tensor>> Generator,
    Func<ModelConfig, bool, nn.Module<Tensor, Tensor>> Discriminator);
