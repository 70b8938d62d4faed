namespace Lsgan.Data;

/// <summary>Which synthesised hanzi set <see cref="HanziDataset"/> renders.</summary>
/// <param name="Classes">
/// How many characters, taken in <see cref="HanziGlyphs"/>' order (GB2312 level 1 first). 3,740 by default: the class
/// count of CASIA's HWDB1.0, the paper's handwritten set.
/// </param>
/// <param name="SamplesPerClass">
/// Renderings of each character, each with its own jitter. 32 by default: 3,740 x 32 = 119,680 images, twice
/// MNIST's training set, so an epoch stays in minutes on a CPU and the set in 375 MB as float32 (HWDB1.0 has about
/// 300 writers per class, which at 28 x 28 would take 3.5 GB).
/// </param>
/// <param name="Seed">Seed of the jitter; the same seed renders the same bytes.</param>
public sealed record HanziOptions(int Classes = HanziOptions.DefaultClasses, int SamplesPerClass = HanziOptions.DefaultSamplesPerClass,
    long Seed = 0)
{
    /// <summary>HWDB1.0's class count.</summary>
    public const int DefaultClasses = 3740;

    /// <summary>See <see cref="SamplesPerClass"/>.</summary>
    public const int DefaultSamplesPerClass = 32;

    /// <summary>The most samples per class: 1,000 (HWDB1.0 has about 300).</summary>
    public const int MaxSamplesPerClass = 1000;

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Classes is < 1 or > HanziGlyphs.CharacterCount)
            errors.Add($"classes must be between 1 and {HanziGlyphs.CharacterCount:N0} (the characters {HanziGlyphs.Package} holds), got {Classes}");
        if (SamplesPerClass is < 1 or > MaxSamplesPerClass)
            errors.Add($"samples per class must be between 1 and {MaxSamplesPerClass:N0}, got {SamplesPerClass}");
        if (Seed < 0)
            errors.Add($"the data seed cannot be negative, got {Seed}");
        return errors;
    }
}
