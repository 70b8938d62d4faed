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
    /// <remarks>
    /// The three float64 matrix products are nearly all the work (100 subsets of 1000 are 77 GFLOP), so the
    /// within-set sums use the kernel matrix's symmetry, and the element-wise kernel runs in place.
    /// </remarks>
    internal static double UnbiasedMmd2(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var m = x.shape[0];
        var dimension = x.shape[1];
        var withinSums = OffDiagonalKernelSum(x, dimension) + OffDiagonalKernelSum(y, dimension);
        return (withinSums / (m * (m - 1.0)) - 2 * KernelSum(x, y, dimension) / ((double)m * m)).item<double>();
    }

    // Σ_{i,j} k(aᵢ, bⱼ) with k(a, b) = (aᵀb / d + 1)³. (a / d is exact to a rounding; addmm's alpha is only a float.)
    private static Tensor KernelSum(Tensor a, Tensor b, long dimension) =>
        (a / dimension).mm(b.t()).add_(1).pow_(3).sum();

    // Σ_{i≠j} k(aᵢ, aⱼ). The matrix is symmetric: with halves A₁, A₂ it is K(A₁,A₁) + K(A₂,A₂) + 2 K(A₁,A₂),
    // ¾ of the products of the full matrix (measured 1.4× faster than it); the diagonal k(aᵢ, aᵢ) comes from norms.
    private static Tensor OffDiagonalKernelSum(Tensor a, long dimension)
    {
        var half = a.shape[0] / 2;
        var (first, second) = (a.narrow(0, 0, half), a.narrow(0, half, a.shape[0] - half));
        var diagonal = (a.square().sum(1) / dimension + 1).pow_(3).sum();
        return KernelSum(first, first, dimension) + KernelSum(second, second, dimension)
               + 2 * KernelSum(first, second, dimension) - diagonal;
    }

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
