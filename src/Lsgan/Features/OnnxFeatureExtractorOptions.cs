namespace Lsgan.Features;

/// <summary>How <see cref="OnnxFeatureExtractor"/> feeds a user's ONNX feature network.</summary>
public sealed record OnnxFeatureExtractorOptions
{
    /// <summary>Inception-v3's input size; used only when the model's own input has no fixed height and width.</summary>
    public const int DefaultInputSize = 299;

    /// <summary>
    /// The largest <see cref="InputSize"/>: a batch of 50 RGB float32 inputs of 1024x1024 is already 630 MB before
    /// the network's activations; 100,000 asked for 6 TB and failed deep inside ONNX Runtime.
    /// </summary>
    public const int MaxInputSize = 1024;

    /// <summary>pytorch-fid's default batch: ~50 Inception activations fit in a few hundred MB on the CPU.</summary>
    public const int DefaultBatchSize = 50;

    /// <summary>The model output holding the features; null takes the model's first output.</summary>
    public string? OutputName { get; init; }

    /// <summary>
    /// Square size images are resized to when the model's input height and width are not fixed (models with a
    /// fixed size always get that size); null means <see cref="DefaultInputSize"/>.
    /// </summary>
    public int? InputSize { get; init; }

    /// <summary>The scaling the model expects; pytorch-fid's Inception module takes [0, 1].</summary>
    public OnnxInputNormalization Normalization { get; init; } = OnnxInputNormalization.ZeroToOne;

    /// <summary>Images per ONNX run (a model with a fixed batch dimension uses that instead).</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>ONNX Runtime intra-op threads; 0 lets it choose (one per physical core).</summary>
    public int Threads { get; init; }

    /// <summary>Every problem with these options, empty when there is none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (OutputName is { Length: 0 }) errors.Add("the feature output name must not be empty");
        if (InputSize is < 1) errors.Add($"the feature model input size must be at least 1, not {InputSize}");
        if (InputSize is > MaxInputSize) errors.Add($"the feature model input size must be at most {MaxInputSize}, not {InputSize}");
        if (BatchSize < 1) errors.Add($"the feature model batch size must be at least 1, not {BatchSize}");
        if (Threads < 0) errors.Add($"the feature model thread count must not be negative, not {Threads}");
        if (Normalization is null) errors.Add("the feature normalization must be given");
        else errors.AddRange(Normalization.Validate());
        return errors;
    }
}
