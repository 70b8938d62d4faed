using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// Improved precision and recall of Kynkäänniemi et al. 2019 ("Improved Precision and Recall Metric for
/// Assessing Generative Models"). Each set's manifold is the union of closed balls around its samples,
/// each with radius the distance to that sample's k-th nearest neighbour in the same set (itself excluded).
/// Precision is the fraction of generated samples inside the real manifold; recall the fraction of real
/// samples inside the generated manifold.
/// </summary>
/// <remarks>
/// Memory stays bounded (distances are computed in blocks of rows); time is O((N + M)² D). Distances are
/// screened in float32 and decided in float64 (<see cref="ScreenedDistances"/>).
/// Both sets need more than k samples. Outliers inflate the balls, so compare runs with the same N, M and k.
/// </remarks>
public static class PrecisionRecall
{
    /// <summary>k = 3, the value recommended in the paper as a balance between noise and outlier sensitivity.</summary>
    public const int DefaultK = 3;

    /// <summary>Computes precision and recall of <paramref name="generatedFeatures"/> against <paramref name="realFeatures"/>.</summary>
    /// <remarks>With density and coverage as well, <see cref="NearestNeighbourMetrics"/> shares the distance computations.</remarks>
    public static PrecisionRecallResult Compute(Tensor realFeatures, Tensor generatedFeatures, int k = DefaultK) =>
        Compute(realFeatures, generatedFeatures, k, ScreenedDistances.DefaultMaxBlockElements);

    internal static PrecisionRecallResult Compute(Tensor realFeatures, Tensor generatedFeatures, int k, long maxBlockElements) =>
        NearestNeighbourMetrics.Compute(realFeatures, generatedFeatures, k, null, maxBlockElements).PrecisionRecall!;
}
