using System.CommandLine;

namespace Lsgan.Cli.Commands;

/// <summary>--classifier: a user's own feature network instead of the shipped one for the dataset (see ClassifierWeights.LoadFileOrShipped).</summary>
internal static class ClassifierOption
{
    public static Option<string?> Create() =>
        Options.Path("--classifier", "Feature classifier weights (default: the one shipped for the dataset)");
}
