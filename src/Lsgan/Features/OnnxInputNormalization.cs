namespace Lsgan.Features;

/// <summary>
/// How <see cref="OnnxFeatureExtractor"/> scales images for the ONNX model: pixels are first mapped from
/// lsgan's [−1, 1] to [0, 1] (what an 8-bit image file divided by 255 gives, as in pytorch-fid's loader),
/// then each channel c becomes (x − <see cref="Mean"/>[c]) / <see cref="StandardDeviation"/>[c].
/// </summary>
/// <remarks>
/// pytorch-fid's <c>InceptionV3</c> module takes [0, 1] input and maps it to [−1, 1] itself
/// (<c>normalize_input=True</c>), so an export of that whole module wants <see cref="ZeroToOne"/>, the default;
/// an export of the bare network behind that step wants <see cref="MinusOneToOne"/>; torchvision-style
/// ImageNet classifiers want <see cref="ImageNet"/>.
/// </remarks>
/// <param name="Name">The name used on the command line and in reports.</param>
/// <param name="Mean">Per-channel (R, G, B) value subtracted from the [0, 1] pixels.</param>
/// <param name="StandardDeviation">Per-channel (R, G, B) divisor applied after the subtraction.</param>
public sealed record OnnxInputNormalization(string Name, IReadOnlyList<float> Mean, IReadOnlyList<float> StandardDeviation)
{
    /// <summary>Pixels in [0, 1]: what pytorch-fid's <c>InceptionV3</c> module (and its ONNX export) takes.</summary>
    public static readonly OnnxInputNormalization ZeroToOne = new("zero-to-one", [0f, 0f, 0f], [1f, 1f, 1f]);

    /// <summary>Pixels in [−1, 1]: lsgan's own range, and what pytorch-fid's network sees after its internal 2x − 1.</summary>
    public static readonly OnnxInputNormalization MinusOneToOne = new("minus-one-to-one", [0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f]);

    /// <summary>torchvision's ImageNet statistics, for classifiers trained with them.</summary>
    public static readonly OnnxInputNormalization ImageNet = new("imagenet", [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>The named normalizations, for parsing and help texts.</summary>
    public static IReadOnlyList<OnnxInputNormalization> Named { get; } = [ZeroToOne, MinusOneToOne, ImageNet];

    /// <summary>Finds a named normalization (case-insensitive); throws <see cref="LsganException"/> for any other name.</summary>
    public static OnnxInputNormalization Parse(string name) =>
        Named.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new LsganException(
            $"Unknown feature normalization '{name}'; use one of {string.Join(", ", Named.Select(n => n.Name))}.");

    /// <summary>Every reason these numbers cannot normalise RGB images, empty when they can.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Mean.Count != 3 || StandardDeviation.Count != 3)
            errors.Add($"the normalization '{Name}' needs 3 means and 3 standard deviations (R, G, B)");
        if (StandardDeviation.Any(s => !(s > 0) || !float.IsFinite(s)))
            errors.Add($"the normalization '{Name}' needs positive standard deviations");
        if (Mean.Any(m => !float.IsFinite(m)))
            errors.Add($"the normalization '{Name}' needs finite means");
        return errors;
    }
}
