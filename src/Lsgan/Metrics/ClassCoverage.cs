using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// Mode coverage measured through a classifier, as in the mode-collapse experiments of Mao et al. 2017
/// ("Least Squares Generative Adversarial Networks") and the "number of modes" counts of Metz et al. 2017
/// (unrolled GANs): classify generated samples and look at how the predictions spread over the K classes.
/// </summary>
public static class ClassCoverage
{
    /// <summary>A class counts as covered with ≥ 1 % of the samples: a tenth of its share under 10 balanced classes, far above misclassification noise.</summary>
    public const double DefaultThreshold = 0.01;

    /// <summary>
    /// Computes the class histogram of <paramref name="predictedClasses"/> (integer class indices in
    /// [0, <paramref name="classCount"/>), any shape), the number of classes with at least
    /// <paramref name="threshold"/> of the samples, and KL(p ‖ uniform) = Σₖ pₖ log(pₖ K) with 0 log 0 = 0.
    /// </summary>
    public static ClassCoverageResult Compute(Tensor predictedClasses, int classCount, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(predictedClasses);
        if (classCount < 1)
        {
            throw new LsganException($"Class coverage needs at least one class, but the class count is {classCount}.");
        }

        if (predictedClasses.dtype is not (ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64)
            || predictedClasses.numel() == 0)
        {
            throw new LsganException("Class coverage needs a non-empty tensor of integer class indices; take argmax of the logits first.");
        }

        using var scope = NewDisposeScope();
        var classes = predictedClasses.detach().cpu().to_type(ScalarType.Int64).flatten();
        var lowest = classes.min().item<long>();
        var highest = classes.max().item<long>();
        if (lowest < 0 || highest >= classCount)
        {
            throw new LsganException($"Predicted classes range from {lowest} to {highest}, outside the {classCount} classes 0…{classCount - 1}.");
        }

        var histogram = bincount(classes, minlength: classCount).data<long>().ToArray();
        return FromHistogram(histogram, threshold);
    }

    /// <summary>Computes the coverage figures from an existing histogram of class counts.</summary>
    public static ClassCoverageResult FromHistogram(long[] histogram, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var total = histogram.Sum();
        if (histogram.Length == 0 || total <= 0 || histogram.Any(c => c < 0))
        {
            throw new LsganException("A class histogram needs at least one class, no negative counts and at least one sample.");
        }

        var classCount = histogram.Length;
        var covered = 0;
        var kl = 0.0;
        foreach (var count in histogram)
        {
            var p = (double)count / total;
            covered += p >= threshold ? 1 : 0;

            // 0 log 0 = 0: an empty class adds nothing to the divergence.
            kl += count == 0 ? 0 : p * Math.Log(p * classCount);
        }

        return new ClassCoverageResult((long[])histogram.Clone(), covered, kl);
    }
}
