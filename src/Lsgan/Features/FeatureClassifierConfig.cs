namespace Lsgan.Features;

/// <summary>
/// The shape of a <see cref="FeatureClassifier"/>; it is written into every weights file so the network can
/// be rebuilt from the file alone.
/// </summary>
/// <param name="Width">
/// Channels of the first two convolutions (the last two have twice as many). 32 is the classic MNIST CNN
/// width and, with pooling after the first convolution, trains an epoch of 60,000 images in about a minute
/// on one CPU core.
/// </param>
/// <param name="FeatureDimension">Width of the feature layer the metrics use; 128 keeps FID's covariance well estimated from 10,000 samples.</param>
/// <param name="ClassCount">10 for MNIST and Fashion-MNIST.</param>
public sealed record FeatureClassifierConfig(int Width = 32, int FeatureDimension = 128, int ClassCount = 10)
{
    /// <summary>Returns every problem with the configuration at once; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Width is < 1 or > 1024)
        {
            errors.Add($"The classifier width must be between 1 and 1024, but it is {Width}.");
        }

        if (FeatureDimension is < 1 or > 16_384)
        {
            errors.Add($"The classifier feature dimension must be between 1 and 16384, but it is {FeatureDimension}.");
        }

        if (ClassCount is < 2 or > 1000)
        {
            errors.Add($"The classifier class count must be between 2 and 1000, but it is {ClassCount}.");
        }

        return errors;
    }
}
