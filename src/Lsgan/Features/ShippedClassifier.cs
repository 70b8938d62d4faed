namespace Lsgan.Features;

/// <summary>A feature classifier whose weights ship with lsgan, with how they were made.</summary>
/// <param name="Dataset">The dataset it was trained on and scores.</param>
/// <param name="FileName">Weights file under classifiers/ beside the program.</param>
/// <param name="Sha256">SHA-256 of the weights file: metrics are comparable only with these exact weights.</param>
/// <param name="TestAccuracy">Accuracy on the dataset's 10,000 test images.</param>
/// <param name="Command">The command that produced the weights (seed and threads included).</param>
public sealed record ShippedClassifier(string Dataset, string FileName, string Sha256, double TestAccuracy, string Command)
{
    /// <summary>Where the weights are installed: copied beside the program at build time.</summary>
    public string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "classifiers", FileName);

    public FeatureClassifier Load() => ClassifierWeights.Load(Path, Sha256);
}
