using System.CommandLine;
using Lsgan.Features;

namespace Lsgan.Cli.Commands;

/// <summary>--classifier: a user's own feature network instead of the shipped one for the dataset.</summary>
internal static class ClassifierOption
{
    public static Option<string?> Create() =>
        Options.Optional<string>("--classifier", "Feature classifier weights (default: the one shipped for the dataset)");

    /// <summary>Loads the chosen classifier and returns it with the SHA-256 that identifies it in reports.</summary>
    public static (FeatureClassifier Classifier, string Sha256) Load(string? path, string dataset)
    {
        if (path is not null)
        {
            string sha = ClassifierWeights.ComputeSha256(path);
            return (ClassifierWeights.Load(path, sha), sha);
        }
        var shipped = ShippedClassifiers.For(dataset);
        return (shipped.Load(), shipped.Sha256);
    }
}
