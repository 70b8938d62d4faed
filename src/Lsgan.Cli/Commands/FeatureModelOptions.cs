using System.CommandLine;
using Lsgan.Features;

namespace Lsgan.Cli.Commands;

/// <summary>
/// --feature-model and its companions: the distances (FID, precision/recall, density/coverage, KID) on a
/// user's ONNX network, e.g. an Inception-v3 export for the standard FID, instead of our classifier's features.
/// </summary>
internal sealed class FeatureModelOptions
{
    public Option<string?> Model { get; } = Options.Path("--feature-model",
        "ONNX feature network, e.g. an Inception-v3 pool3 export for the standard FID: FID, precision/recall, " +
        "density/coverage and KID then use its features of both sets, while class coverage and classifier score " +
        "still come from the classifier's logits");

    public Option<string?> Output { get; } = Options.Optional<string>("--feature-output",
        "Output of --feature-model holding the features, [N, D] or [N, D, 1, 1] (default: its first output)");

    public Option<string> Normalization { get; } = Options.Make("--feature-normalization",
        "Input scaling --feature-model expects: zero-to-one (pytorch-fid's InceptionV3 module), minus-one-to-one or imagenet",
        OnnxInputNormalization.ZeroToOne.Name);

    public Option<int?> InputSize { get; } = new Option<int?>("--feature-input-size")
    {
        Description = $"Square size images are resized to when --feature-model has no fixed input size, 1 to {OnnxFeatureExtractorOptions.MaxInputSize} " +
            $"(default: {OnnxFeatureExtractorOptions.DefaultInputSize})",
    }.InRange(1, OnnxFeatureExtractorOptions.MaxInputSize, "a batch of larger RGB inputs would take gigabytes");

    public IEnumerable<Option> All => [Model, Output, Normalization, InputSize];

    /// <summary>The chosen feature model, or null when --feature-model is absent (then its companions must be too).</summary>
    public OnnxFeatureExtractor? Open(ParseResult parsed, int threads)
    {
        string? path = ClassifierOption.RegularFileOrMissing(parsed, Model);
        if (path is null)
        {
            string[] stray = [.. new Option[] { Output, Normalization, InputSize }.Where(parsed.Given).Select(o => o.Name)];
            if (stray.Length > 0)
                throw new LsganException($"{string.Join(" and ", stray)} {(stray.Length == 1 ? "is" : "are")} only used with --feature-model.");
            return null;
        }

        return new OnnxFeatureExtractor(path, new OnnxFeatureExtractorOptions
        {
            OutputName = parsed.GetValue(Output),
            Normalization = OnnxInputNormalization.Parse(parsed.GetValue(Normalization)!),
            InputSize = parsed.GetValue(InputSize),
            Threads = threads,
        });
    }

    /// <summary>One line for the console under the metrics table.</summary>
    public static string Summary(OnnxFeatureExtractor featureModel) =>
        $"Distances on '{featureModel.OutputName}' of {featureModel.ModelPath} ({featureModel.InputHeight}x{featureModel.InputWidth}, " +
        $"{featureModel.Normalization.Name}); class coverage and classifier score on the classifier.";
}
