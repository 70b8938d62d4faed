using System.Text.Json.Serialization;

namespace Lsgan.Models;

/// <summary>
/// Everything needed to rebuild a generator/discriminator pair. Stored in every checkpoint so that
/// sampling needs no flags.
/// </summary>
public sealed record ModelConfig
{
    /// <param name="Kind">Network family, one of <see cref="ModelFamilies.Names"/>.</param>
    /// <param name="LatentDim">Size of z.</param>
    /// <param name="Channels">Image channels (1 for MNIST-style data).</param>
    /// <param name="ImageSize">Image height = width in pixels.</param>
    /// <param name="GeneratorBatchNorm">Batch norm in G (the paper's stability study turns it off).</param>
    /// <param name="DiscriminatorBatchNorm">Batch norm in D; null takes the family's default (<see cref="ModelFamily.DiscriminatorBatchNorm"/>).</param>
    public ModelConfig(
        string Kind = "dcgan",
        int LatentDim = 100,
        int Channels = 1,
        int ImageSize = 28,
        bool GeneratorBatchNorm = true,
        bool? DiscriminatorBatchNorm = null)
    {
        this.Kind = Kind;
        this.LatentDim = LatentDim;
        this.Channels = Channels;
        this.ImageSize = ImageSize;
        this.GeneratorBatchNorm = GeneratorBatchNorm;
        // An unknown kind fails Validate; any value serves until then.
        this.DiscriminatorBatchNorm = DiscriminatorBatchNorm ?? ModelFamilies.Find(Kind)?.DiscriminatorBatchNorm ?? true;
    }

    /// <summary>
    /// The largest z: DCGAN's first layer holds latent dim x 6,272 weights, so 4,096 already make 100 MB (300 MB
    /// with Adam's moments), far past the paper's 100 and 1,024; 2^31 - 1 failed inside libtorch.
    /// </summary>
    public const int MaxLatentDim = 4096;

    // For JSON: a saved config holds every value, so none of the constructor's defaults applies.
    [JsonConstructor]
    private ModelConfig() => Kind = "";

    public string Kind { get; init; }

    public int LatentDim { get; init; }

    public int Channels { get; init; }

    public int ImageSize { get; init; }

    public bool GeneratorBatchNorm { get; init; }

    public bool DiscriminatorBatchNorm { get; init; }

    /// <summary>Every problem with this config, empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var family = ModelFamilies.Find(Kind);
        if (family is null) errors.Add($"unknown model '{Kind}' (expected one of: {string.Join(", ", ModelFamilies.Names)})");
        if (LatentDim is < 1 or > MaxLatentDim) errors.Add($"latent dim must be between 1 and {MaxLatentDim}, got {LatentDim}");
        if (Channels is not (1 or 3)) errors.Add($"channels must be 1 or 3, got {Channels}");
        if (family?.ImageSize is { } size && ImageSize != size) errors.Add($"the {Kind} model draws {size}x{size} images, not {ImageSize}x{ImageSize}");
        if (ImageSize < 1) errors.Add($"image size must be positive, got {ImageSize}");
        return errors;
    }
}
