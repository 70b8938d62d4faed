using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// Density and coverage of Naeem et al. 2020 ("Reliable Fidelity and Diversity Metrics for Generative
/// Models"), which use only balls around real samples and so are robust to generated outliers.
/// With real samples Xᵢ (i = 1…N), generated Yⱼ (j = 1…M) and rᵢ = distance from Xᵢ to its k-th nearest
/// real neighbour (itself excluded):
/// density = (1 / kM) Σⱼ Σᵢ 1[‖Yⱼ − Xᵢ‖ ≤ rᵢ] and coverage = (1 / N) Σᵢ 1[∃ j: ‖Yⱼ − Xᵢ‖ ≤ rᵢ].
/// </summary>
/// <remarks>
/// Balls are closed (≤), as in <see cref="PrecisionRecall"/>; the authors' code uses &lt;, which differs only
/// for a sample lying exactly on a boundary. Real features need more than k samples.
/// </remarks>
public static class DensityCoverage
{
    /// <summary>k = 5, the paper's choice: for two large equal-size samples of one distribution, expected coverage is then 1 − 2⁻⁵ ≈ 0.97.</summary>
    public const int DefaultK = 5;

    /// <summary>Computes density and coverage of <paramref name="generatedFeatures"/> against <paramref name="realFeatures"/>.</summary>
    /// <remarks>With precision and recall as well, <see cref="NearestNeighbourMetrics"/> shares the distance computations.</remarks>
    public static DensityCoverageResult Compute(Tensor realFeatures, Tensor generatedFeatures, int k = DefaultK) =>
        Compute(realFeatures, generatedFeatures, k, ScreenedDistances.DefaultMaxBlockElements);

    internal static DensityCoverageResult Compute(Tensor realFeatures, Tensor generatedFeatures, int k, long maxBlockElements) =>
        NearestNeighbourMetrics.Compute(realFeatures, generatedFeatures, null, k, maxBlockElements).DensityCoverage!;
}
