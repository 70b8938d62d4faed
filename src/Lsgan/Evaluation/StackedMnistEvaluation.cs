using Lsgan.Data;
using Lsgan.Features;
using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Evaluation;

/// <summary>
/// Scores images of Stacked MNIST: the MNIST feature classifier reads the digit in each channel, the triple is the
/// image's mode, and the modes' histogram gives modes covered and KL from uniform (VEEGAN, PacGAN). FID and the
/// other distances are not computed: the classifier's feature space is validated on single digits, not on three
/// overlaid ones, and this benchmark is read by its modes.
/// </summary>
public static class StackedMnistEvaluation
{
    /// <summary>The digits the classifier reads in each channel of <paramref name="images"/> ([N, 3, 28, 28] in [−1, 1]): int64 [N, 3].</summary>
    public static Tensor ReadDigits(FeatureClassifier classifier, Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != StackedMnist.Channels)
            throw new LsganException($"Stacked MNIST images are [N, 3, H, W], not [{string.Join(", ", images.shape)}].");
        using var scope = NewDisposeScope();
        long count = images.shape[0];
        // Image i's channel c becomes single-channel image 3i + c.
        var channels = images.reshape(count * StackedMnist.Channels, 1, images.shape[2], images.shape[3]);
        var (features, logits) = ClassifierFeatures.Extract(classifier, channels);
        features.Dispose();
        return logits.argmax(1).view(count, StackedMnist.Channels).MoveToOuterDisposeScope();
    }

    /// <summary>Modes covered (read at least once) and KL from uniform of <paramref name="modes"/> (each 0..999).</summary>
    public static StackedMnistReport Score(IReadOnlyList<int> modes)
    {
        var coverage = ModeCoverage.Measure(modes, Enumerable.Repeat(true, modes.Count).ToArray(), StackedMnist.ModeCount, minimumPerMode: 1);
        return new StackedMnistReport(coverage.ModesCovered, coverage.ModeCount, coverage.KlFromUniform, modes.Count);
    }

    /// <summary>The report of generated <paramref name="images"/>.</summary>
    public static StackedMnistReport Evaluate(FeatureClassifier classifier, Tensor images)
    {
        using var digits = ReadDigits(classifier, images);
        return Score(StackedMnist.ModesOf(digits));
    }

    /// <summary>The floor: <paramref name="real"/> scored like generated images, and the classifier's accuracy on its true digits.</summary>
    public static StackedMnistFloor Floor(FeatureClassifier classifier, StackedMnist real)
    {
        using var scope = NewDisposeScope();
        var read = ReadDigits(classifier, real.Images);
        var right = read.eq(real.Digits);
        double[] channelAccuracy = right.to_type(ScalarType.Float64).mean([0]).data<double>().ToArray();
        double tripleAccuracy = right.all(1).to_type(ScalarType.Float64).mean().item<double>();
        return new StackedMnistFloor(Score(StackedMnist.ModesOf(read)), channelAccuracy, tripleAccuracy);
    }
}
