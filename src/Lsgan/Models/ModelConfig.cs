namespace Lsgan.Models;

/// <summary>
/// Everything needed to rebuild a generator/discriminator pair. Stored in every checkpoint so that
/// sampling needs no flags.
/// </summary>
/// <param name="Kind">Network family: "mlp" or "dcgan".</param>
/// <param name="LatentDim">Size of z.</param>
/// <param name="Channels">Image channels (1 for MNIST-style data).</param>
/// <param name="ImageSize">Image height = width in pixels.</param>
/// <param name="GeneratorBatchNorm">Batch norm in G (the paper's stability study turns it off).</param>
/// <param name="DiscriminatorBatchNorm">Batch norm in D.</param>
public sealed record ModelConfig(
    string Kind = "dcgan",
    int LatentDim = 100,
    int Channels = 1,
    int ImageSize = 28,
    bool GeneratorBatchNorm = true,
    bool DiscriminatorBatchNorm = true)
{
    public static readonly IReadOnlyList<string> Kinds = ["mlp", "dcgan"];

    /// <summary>Every problem with this config, empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Kinds.Contains(Kind)) errors.Add($"unknown model '{Kind}' (expected one of: {string.Join(", ", Kinds)})");
        if (LatentDim < 1) errors.Add($"latent dim must be at least 1, got {LatentDim}");
        if (Channels is not (1 or 3)) errors.Add($"channels must be 1 or 3, got {Channels}");
        if (Kind == "dcgan" && ImageSize != 28) errors.Add($"the dcgan model draws 28x28 images, not {ImageSize}x{ImageSize}");
        if (ImageSize < 1) errors.Add($"image size must be positive, got {ImageSize}");
        return errors;
    }
}
