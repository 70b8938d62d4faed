using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// The mean μ and unbiased covariance Σ (divisor N − 1) of a set of feature vectors: everything the
/// Fréchet distance needs from one side (Heusel et al. 2017, "GANs Trained by a Two Time-Scale Update
/// Rule Converge to a Local Nash Equilibrium"). <see cref="FrechetDistance"/> compares two of them; what is
/// cached between evaluations is the real set's features (Features.FeatureCache), from which they are recomputed.
/// </summary>
/// <remarks>
/// Σ is only full rank when <see cref="Count"/> exceeds <see cref="Dimension"/>; with fewer samples the
/// distance is still defined but is dominated by estimation noise, so use several times more samples
/// than dimensions. Arrays are compared by reference in record equality; compare values explicitly.
/// </remarks>
public sealed record FeatureStatistics
{
    /// <summary>Creates statistics from a mean of length D and a row-major D × D covariance.</summary>
    public FeatureStatistics(long count, double[] mean, double[] covariance)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(covariance);
        if (count < 2)
        {
            throw new LsganException($"Feature statistics need at least 2 samples for a covariance, but {count} were given.");
        }

        if (mean.Length < 1 || covariance.Length != (long)mean.Length * mean.Length)
        {
            throw new LsganException(
                $"A feature covariance must have {mean.Length} × {mean.Length} entries to match its mean, but it has {covariance.Length}.");
        }

        Count = count;
        Mean = mean;
        Covariance = covariance;
    }

    /// <summary>Number of samples N the statistics were computed from.</summary>
    public long Count { get; }

    /// <summary>Mean feature vector μ, length D.</summary>
    public double[] Mean { get; }

    /// <summary>Unbiased covariance Σ, row-major, D × D.</summary>
    public double[] Covariance { get; }

    /// <summary>Feature dimension D.</summary>
    public int Dimension => Mean.Length;

    /// <summary>
    /// Computes μ and the unbiased covariance of <paramref name="features"/> ([N, D], any float type,
    /// converted to float64). Throws <see cref="LsganException"/> when N &lt; 2.
    /// </summary>
    public static FeatureStatistics FromFeatures(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var scope = NewDisposeScope();
        var x = FeatureMatrix.ToFloat64(features, "features", minRows: 2);
        var n = x.shape[0];
        var mean = x.mean([0]);
        var centred = x - mean;

        // Centring before the product keeps the covariance accurate when features have a large offset.
        var covariance = centred.t().mm(centred) / (n - 1);
        return new FeatureStatistics(n, mean.data<double>().ToArray(), covariance.contiguous().data<double>().ToArray());
    }

    /// <summary>μ as a float64 tensor [D]; the caller disposes it.</summary>
    internal Tensor MeanTensor() => tensor(Mean, [Dimension], ScalarType.Float64);

    /// <summary>Σ as a float64 tensor [D, D]; the caller disposes it.</summary>
    internal Tensor CovarianceTensor() => tensor(Covariance, [Dimension, Dimension], ScalarType.Float64);
}
