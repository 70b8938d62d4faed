using System.Text.Json.Serialization;

namespace Lsgan.Models;

/// <summary>
/// Everything needed to rebuild a generator/discriminator pair. Stored in every checkpoint so that
/// sampling needs no flags.
/// </summary>
public sealed record ModelConfig
{
    /// <param name="Kind">Network family, one of <see cref="ModelFamilies.Names"/>.</param>
    /// <param name="LatentDim">Size of z; null takes the family's (<see cref="ModelFamily.LatentDim"/>).</param>
    /// <param name="Channels">Image channels (1 for MNIST-style data).</param>
    /// <param name="ImageSize">Image height = width in pixels; null takes the family's default.</param>
    /// <param name="GeneratorBatchNorm">Batch norm in G (the paper's stability study turns it off).</param>
    /// <param name="DiscriminatorBatchNorm">Batch norm in D; null takes the family's default (<see cref="ModelFamily.DiscriminatorBatchNorm"/>).</param>
    /// <param name="Classes">Classes of a conditional family's labels; 0 for an unconditional one.</param>
    /// <param name="GeneratorHidden">Hidden widths of G where the family has them (mlp); null takes the family's.</param>
    /// <param name="DiscriminatorHidden">Hidden widths of D where the family has them (mlp); null takes the family's.</param>
    public ModelConfig(
        string Kind = "dcgan",
        int? LatentDim = null,
        int Channels = 1,
        int? ImageSize = null,
        bool GeneratorBatchNorm = true,
        bool? DiscriminatorBatchNorm = null,
        int Classes = 0,
        int[]? GeneratorHidden = null,
        int[]? DiscriminatorHidden = null)
    {
        // An unknown kind fails Validate; any value serves until then.
        var family = ModelFamilies.Find(Kind);
        this.Kind = Kind;
        this.LatentDim = LatentDim ?? family?.LatentDim ?? 100;
        this.Channels = Channels;
        this.ImageSize = ImageSize ?? family?.DefaultImageSize ?? 28;
        this.GeneratorBatchNorm = GeneratorBatchNorm;
        this.DiscriminatorBatchNorm = DiscriminatorBatchNorm ?? family?.DiscriminatorBatchNorm ?? true;
        Latent = family?.Latent ?? LatentDistribution.Normal;
        this.Classes = Classes;
        this.GeneratorHidden = GeneratorHidden ?? family?.Hidden?.Generator;
        this.DiscriminatorHidden = DiscriminatorHidden ?? family?.Hidden?.Discriminator;
    }

    /// <summary>
    /// The largest z: DCGAN's first layer holds latent dim x 6,272 weights, so 4,096 already make 100 MB (300 MB
    /// with Adam's moments), far past the paper's 100 and 1,024; 2^31 - 1 failed inside libtorch.
    /// </summary>
    public const int MaxLatentDim = 4096;

    /// <summary>The most classes: the paper's 3,740 characters fit many times over; Φ(y) holds classes x 256 weights.</summary>
    public const int MaxClasses = 100_000;

    /// <summary>The widest hidden layer of the mlp: 65,536 x 65,536 weights would be 16 GB.</summary>
    public const int MaxHiddenWidth = 16_384;

    // For JSON: a saved config holds every value, so none of the constructor's defaults applies. Configs saved before
    // latent and classes existed are unconditional runs with z ~ N(0, I), which these initial values say.
    [JsonConstructor]
    private ModelConfig() => Kind = "";

    public string Kind { get; init; }

    public int LatentDim { get; init; }

    /// <summary>How z is drawn, one of <see cref="LatentDistribution.Names"/>.</summary>
    public string Latent { get; init; } = LatentDistribution.Normal;

    public int Channels { get; init; }

    public int ImageSize { get; init; }

    public bool GeneratorBatchNorm { get; init; }

    public bool DiscriminatorBatchNorm { get; init; }

    /// <summary>Classes of the labels both networks take (conditional families); 0 when they take none.</summary>
    public int Classes { get; init; }

    /// <summary>Widths of G's hidden layers, for families that have them (mlp); else null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int[]? GeneratorHidden { get; init; }

    /// <summary>Widths of D's hidden layers, for families that have them (mlp); else null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int[]? DiscriminatorHidden { get; init; }

    /// <summary>True when both networks take class labels.</summary>
    [JsonIgnore]
    public bool Conditional => Classes > 0;

    /// <summary>Every problem with this config, empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var family = ModelFamilies.Find(Kind);
        if (family is null) errors.Add($"unknown model '{Kind}' (expected one of: {string.Join(", ", ModelFamilies.Names)})");
        if (LatentDim is < 1 or > MaxLatentDim) errors.Add($"latent dim must be between 1 and {MaxLatentDim}, got {LatentDim}");
        if (!LatentDistribution.Names.Contains(Latent)) errors.Add($"latent must be one of {string.Join(", ", LatentDistribution.Names)}, got '{Latent}'");
        if (Channels is not (1 or 3)) errors.Add($"channels must be 1 or 3, got {Channels}");
        if (family?.ImageSizes is { } sizes && !sizes.Contains(ImageSize))
            errors.Add($"the {Kind} model draws {string.Join(", ", sizes.Select(s => $"{s}x{s}"))} images, not {ImageSize}x{ImageSize}");
        if (ImageSize < 1) errors.Add($"image size must be positive, got {ImageSize}");
        if (family is { Conditional: true } && Classes is < 2 or > MaxClasses)
            errors.Add($"the {Kind} model needs a labelled dataset of 2 to {MaxClasses:N0} classes, got {Classes}");
        if (family is { Conditional: false } && Classes != 0)
            errors.Add($"the {Kind} model takes no class labels, but the config gives {Classes} classes");
        errors.AddRange(HiddenErrors("G", GeneratorHidden, family));
        errors.AddRange(HiddenErrors("D", DiscriminatorHidden, family));
        return errors;
    }

    private IEnumerable<string> HiddenErrors(string network, int[]? widths, ModelFamily? family)
    {
        if (family is null) yield break;
        if (family.Hidden is null && widths is not null)
            yield return $"the {Kind} model's layers are fixed; hidden widths of {network} are for {string.Join(", ", ModelFamilies.All.Where(f => f.Hidden is not null).Select(f => f.Name))}";
        // Null in a config saved before the widths were an option: the family's.
        if (family.Hidden is not null && widths is not null && (widths.Length == 0 || widths.Any(w => w is < 1 or > MaxHiddenWidth)))
            yield return $"{network}'s hidden widths must be 1 or more layers of 1 to {MaxHiddenWidth:N0} units, got [{string.Join(", ", widths ?? [])}]";
    }

    // Value equality for the hidden widths too (a record compares arrays by reference).
    public bool Equals(ModelConfig? other) =>
        other is not null &&
        (Kind, LatentDim, Latent, Channels, ImageSize, GeneratorBatchNorm, DiscriminatorBatchNorm, Classes) ==
        (other.Kind, other.LatentDim, other.Latent, other.Channels, other.ImageSize, other.GeneratorBatchNorm, other.DiscriminatorBatchNorm, other.Classes) &&
        SameWidths(GeneratorHidden, other.GeneratorHidden) && SameWidths(DiscriminatorHidden, other.DiscriminatorHidden);

    public override int GetHashCode() => HashCode.Combine(Kind, LatentDim, Latent, Channels, ImageSize, Classes);

    private static bool SameWidths(int[]? a, int[]? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);
}
