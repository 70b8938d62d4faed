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
    public static DensityCoverageResult Compute(Tensor realFeatures, Tensor generatedFeatures, int k = DefaultK) =>
        Compute(realFeatures, generatedFeatures, k, PairwiseDistances.DefaultMaxBlockElements);

    internal static DensityCoverageResult Compute(Tensor realFeatures, Tensor generatedFeatures, int k, long maxBlockElements)
    {
        ArgumentNullException.ThrowIfNull(realFeatures);
        ArgumentNullException.ThrowIfNull(generatedFeatures);
        using var scope = NewDisposeScope();
        var real = FeatureMatrix.ToFloat64(realFeatures, "real features", minRows: k + 1);
        var generated = FeatureMatrix.ToFloat64(generatedFeatures, "generated features", minRows: 1);
        FeatureMatrix.RequireSameDimension(real, generated);

        var realRadii = PairwiseDistances.KthNeighbourDistances(real, k, maxBlockElements);

        // Rows are real samples here, so a real ball's coverage is an any() along its own row.
        long ballMemberships = 0;
        var covered = zeros(real.shape[0], ScalarType.Bool);
        PairwiseDistances.ForEachBlock(real, generated, maxBlockElements, (distances, start) =>
        {
            var inside = distances <= realRadii.narrow(0, start, distances.shape[0]).unsqueeze(1);
            ballMemberships += inside.sum().item<long>();
            covered.narrow(0, start, distances.shape[0]).copy_(inside.any(1));
        });

        return new DensityCoverageResult(
            Density: ballMemberships / ((double)k * generated.shape[0]),
            Coverage: covered.to_type(ScalarType.Float64).mean().item<double>());
    }
}
