using System.Text.Json.Serialization;

namespace Lsgan.Data;

/// <summary>
/// What to take from a dataset beyond its name, so a run's config says exactly which images it trained on and a
/// resumed run loads the same ones. Each option belongs to one kind of dataset; null takes that dataset's default.
/// </summary>
public sealed record DatasetOptions
{
    /// <summary>An LMDB database: read only its first this many entries in key order (null: all).</summary>
    public int? MaxImages { get; init; }

    /// <summary>hanzi: how many characters (null: <see cref="HanziOptions.DefaultClasses"/>).</summary>
    public int? Classes { get; init; }

    /// <summary>hanzi: renderings per character (null: <see cref="HanziOptions.DefaultSamplesPerClass"/>).</summary>
    public int? SamplesPerClass { get; init; }

    /// <summary>hanzi: the seed of the rendering jitter, apart from the training seed so that runs share one set.</summary>
    public long DataSeed { get; init; }

    /// <summary>The hanzi set these options pick.</summary>
    [JsonIgnore]
    public HanziOptions Hanzi => new(Classes ?? HanziOptions.DefaultClasses,
        SamplesPerClass ?? HanziOptions.DefaultSamplesPerClass, DataSeed);
}
