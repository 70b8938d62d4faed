using Lsgan.Features;
using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Evaluation;

/// <summary>
/// The metrics of real training images against the test set: the best any generator can hope for with
/// the same sample counts, printed beside a run's figures so users see how far from real it is.
/// </summary>
public static class RealDataFloor
{
    /// <summary>Compares <paramref name="count"/> training images (a seeded random subset) with <paramref name="testImages"/>.</summary>
    public static EvaluationReport Compute(FeatureClassifier classifier, Tensor trainImages, Tensor testImages, int count, int seed = 0) =>
        Compute(classifier, null, trainImages, testImages, count, seed);

    /// <summary>
    /// The same with the distances on <paramref name="featureModel"/>'s features when one is given, so the floor
    /// stays comparable with a run evaluated through the same model.
    /// </summary>
    public static EvaluationReport Compute(
        FeatureClassifier classifier, OnnxFeatureExtractor? featureModel, Tensor trainImages, Tensor testImages, int count, int seed = 0)
    {
        using var subset = TrainingSubset(trainImages, count, seed);
        return GanEvaluator.Evaluate(classifier, featureModel, testImages, subset, seed);
    }

    /// <summary>The floor's stand-in for generated images: <paramref name="count"/> training images drawn with <paramref name="seed"/>.</summary>
    public static Tensor TrainingSubset(Tensor trainImages, int count, int seed = 0)
    {
        if (count < 2 || count > trainImages.shape[0])
            throw new LsganException($"The real-data floor needs between 2 and {trainImages.shape[0]} training images, not {count}.");
        using var random = new Generator(unchecked((ulong)seed + 17));
        using var order = randperm(trainImages.shape[0], generator: random);
        using var chosen = order.narrow(0, 0, count);
        return trainImages.index_select(0, chosen);
    }
}
