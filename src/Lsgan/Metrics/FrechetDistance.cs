using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// The Fréchet distance between Gaussians fitted to two sets of features, the "FID" of Heusel et al. 2017
/// ("GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium") computed on our
/// own classifier's features instead of Inception's:
/// d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁Σ₂)^½).
/// </summary>
/// <remarks>
/// Σ₁Σ₂ is not symmetric, and a general matrix square root (scipy's sqrtm in the reference code) can return
/// complex noise for nearly singular covariances. We use instead that Σ₁Σ₂ is similar to the symmetric
/// positive semi-definite Σ₁^½ Σ₂ Σ₁^½, so Tr((Σ₁Σ₂)^½) = Σᵢ √λᵢ(Σ₁^½ Σ₂ Σ₁^½): two symmetric
/// eigendecompositions, with rounding-level negative eigenvalues clamped to 0. Everything is float64.
/// Each side needs N ≥ 2 samples; N should exceed the feature dimension D (ideally by several times) for a
/// full-rank, low-noise covariance, and the estimate is biased upwards for small N, so only compare
/// distances computed with the same N.
/// </remarks>
public static class FrechetDistance
{
    /// <summary>Fits μ and Σ to both feature matrices ([N, D], N ≥ 2) and returns the distance.</summary>
    public static double Compute(Tensor realFeatures, Tensor generatedFeatures)
    {
        ArgumentNullException.ThrowIfNull(realFeatures);
        ArgumentNullException.ThrowIfNull(generatedFeatures);
        return Compute(FeatureStatistics.FromFeatures(realFeatures), FeatureStatistics.FromFeatures(generatedFeatures));
    }

    /// <summary>
    /// Returns the distance between two Gaussians given by their statistics, e.g. cached real-data
    /// statistics and freshly computed generated ones. Never negative.
    /// </summary>
    public static double Compute(FeatureStatistics first, FeatureStatistics second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Dimension != second.Dimension)
        {
            throw new LsganException(
                $"Cannot compare feature statistics of {first.Dimension} and {second.Dimension} dimensions; both must come from the same feature layer.");
        }

        using var scope = NewDisposeScope();
        var meanDifference = first.MeanTensor() - second.MeanTensor();
        var sigma1 = first.CovarianceTensor();
        var sigma2 = second.CovarianceTensor();

        var sqrtSigma1 = SymmetricSquareRoot(sigma1);
        var middle = Symmetrize(sqrtSigma1.mm(sigma2).mm(sqrtSigma1));
        var traceOfSquareRoot = linalg.eigvalsh(middle).clamp_min(0).sqrt().sum().item<double>();

        var distance = meanDifference.dot(meanDifference).item<double>()
                       + sigma1.trace().item<double>()
                       + sigma2.trace().item<double>()
                       - 2 * traceOfSquareRoot;

        // The exact value is ≥ 0; identical inputs can come out at −1e-13 from rounding.
        return Math.Max(0, distance);
    }

    /// <summary>The principal square root of a symmetric positive semi-definite matrix, via eigh.</summary>
    internal static Tensor SymmetricSquareRoot(Tensor matrix)
    {
        var (eigenvalues, eigenvectors) = linalg.eigh(Symmetrize(matrix));
        return (eigenvectors * eigenvalues.clamp_min(0).sqrt().unsqueeze(0)).mm(eigenvectors.t());
    }

    // eigh reads only one triangle; averaging with the transpose makes rounding asymmetry harmless.
    private static Tensor Symmetrize(Tensor matrix) => (matrix + matrix.t()) / 2;
}
