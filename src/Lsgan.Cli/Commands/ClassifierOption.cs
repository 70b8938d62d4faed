using System.CommandLine;
using Lsgan.Data;

namespace Lsgan.Cli.Commands;

/// <summary>--classifier: a user's own feature network instead of the shipped one for the dataset (see ClassifierWeights.LoadFileOrShipped).</summary>
internal static class ClassifierOption
{
    public static Option<string?> Create() =>
        Options.Path("--classifier", "Feature classifier weights (default: the one shipped for the dataset)");

    /// <summary>
    /// The path given to <paramref name="option"/>, refused here when something other than a regular file is
    /// there: reading a named pipe would hang. A missing file is left to the loader, which names it.
    /// </summary>
    public static string? RegularFileOrMissing(ParseResult parsed, Option<string?> option)
    {
        string? path = parsed.GetValue(option);
        if (path is not null && PathCheck.Classify(path) != PathKind.Missing)
            PathCheck.RequireFile(path);
        return path;
    }
}
