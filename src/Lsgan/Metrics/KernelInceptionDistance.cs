using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// The kernel distance of Bińkowski et al. 2018 ("Demystifying MMD GANs"), "KID" on Inception features,
/// here on our classifier's: the unbiased estimate of the squared maximum mean discrepancy with the cubic
/// polynomial kernel k(x, y) = (xᵀy / d + 1)³, averaged over random subsets as in the reference code.
/// Unlike FID it has an unbiased estimator, so values from different sample sizes are comparable.
/// </summary>
public static class KernelInceptionDistance
{
    /// <summary>100 subsets, as in the reference implementation: enough for a standard deviation to mean something.</summary>
    public const int DefaultSubsets = 100;

    /// <summary>1000 samples per subset, as in the reference implementation; smaller sets use all their samples.</summary>
    public const int DefaultSubsetSize = 1000;

    /// <summary>
    /// Draws <paramref name="subsets"/> pairs of subsets of min(<paramref name="subsetSize"/>, N, M) samples
    /// without replacement from each set (seeded), and returns the mean and spread of MMD² over them.
    /// </summary>
    public static KernelInceptionDistanceResult Compute(
        Tensor realFeatures,
        Tensor generatedFeatures,
        int subsets = DefaultSubsets,
        int subsetSize = DefaultSubsetSize,
        int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(realFeatures);
        ArgumentNullException.ThrowIfNull(generatedFeatures);
        if (subsets < 1 || subsetSize < 2)
        {
            throw new LsganException($"The kernel distance needs at least 1 subset of at least 2 samples, but got {subsets} subsets of {subsetSize}.");
        }

        using var scope = NewDisposeScope();
        var real = FeatureMatrix.ToFloat64(realFeatures, "real features", minRows: 2);
        var generated = FeatureMatrix.ToFloat64(generatedFeatures, "generated features", minRows: 2);
        FeatureMatrix.RequireSameDimension(real, generated);

        var size = (int)Math.Min(subsetSize, Math.Min(real.shape[0], generated.shape[0]));
        var random = new Random(seed);
        var estimates = new double[subsets];
        for (var s = 0; s < subsets; s++)
        {
            using var subsetScope = NewDisposeScope();
            var realSubset = real.index_select(0, SampleWithoutReplacement(random, real.shape[0], size));
            var generatedSubset = generated.index_select(0, SampleWithoutReplacement(random, generated.shape[0], size));
            estimates[s] = UnbiasedMmd2(realSubset, generatedSubset);
        }

        var mean = estimates.Average();
        var variance = estimates.Select(e => (e - mean) * (e - mean)).Average();
        return new KernelInceptionDistanceResult(mean, Math.Sqrt(variance), subsets, size);
    }

    /// <summary>
    /// Unbiased MMD² between two float64 sets of equal size m ≥ 2:
    /// (Σ_{i≠j} k(xᵢ,xⱼ) + Σ_{i≠j} k(yᵢ,yⱼ)) / (m(m−1)) − 2 Σ_{i,j} k(xᵢ,yⱼ) / m².
    /// </summary>
    internal static double UnbiasedMmd2(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var m = x.shape[0];
        var dimension = x.shape[1];
        var kxx = PolynomialKernel(x, x, dimension);
        var kyy = PolynomialKernel(y, y, dimension);
        var kxy = PolynomialKernel(x, y, dimension);
        var withinSums = kxx.sum() - kxx.trace() + kyy.sum() - kyy.trace();
        return (withinSums / (m * (m - 1.0)) - 2 * kxy.sum() / ((double)m * m)).item<double>();
    }

    private static Tensor PolynomialKernel(Tensor a, Tensor b, long dimension) =>
        (a.mm(b.t()) / dimension + 1).pow(3);

    // A partial Fisher–Yates shuffle: the first `count` entries are a uniform sample without replacement.
    private static Tensor SampleWithoutReplacement(Random random, long population, int count)
    {
        var indices = new long[population];
        for (var i = 0; i < population; i++)
        {
            indices[i] = i;
        }

        for (var i = 0; i < count; i++)
        {
            var j = random.NextInt64(i, population);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return tensor(indices.AsSpan(0, count).ToArray(), ScalarType.Int64);
    }
}
