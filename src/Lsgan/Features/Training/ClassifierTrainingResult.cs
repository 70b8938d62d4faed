namespace Lsgan.Features.Training;

/// <summary>
/// A trained classifier, left in eval mode and owned by the caller (dispose it), with one report per epoch.
/// </summary>
public sealed record ClassifierTrainingResult(FeatureClassifier Classifier, IReadOnlyList<ClassifierEpochReport> Epochs)
{
    /// <summary>Test accuracy after the last epoch, in [0, 1].</summary>
    public double TestAccuracy => Epochs[^1].TestAccuracy;
}
