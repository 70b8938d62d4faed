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
/// Memory stays bounded (distances are computed in blocks of rows); time is O((N + M)² D).
/// Both sets need more than k samples. Outliers inflate the balls, so compare runs with the same N, M and k.
/// </remarks>
public static class PrecisionRecall
{
    /// <summary>k = 3, the value recommended in the paper as a balance between noise and outlier sensitivity.</summary>
    public const int DefaultK = 3;

    /// <summary>Computes precision and recall of <paramref name="generatedFeatures"/> against <paramref name="realFeatures"/>.</summary>
    public static PrecisionRecallResult Compute(Tensor realFeatures, Tensor generatedFeatures, int k = DefaultK) =>
        Compute(realFeatures, generatedFeatures, k, PairwiseDistances.DefaultMaxBlockElements);

    internal static PrecisionRecallResult Compute(Tensor realFeatures, Tensor generatedFeatures, int k, long maxBlockElements)
    {
        ArgumentNullException.ThrowIfNull(realFeatures);
        ArgumentNullException.ThrowIfNull(generatedFeatures);
        using var scope = NewDisposeScope();
        var real = FeatureMatrix.ToFloat64(realFeatures, "real features", minRows: k + 1);
        var generated = FeatureMatrix.ToFloat64(generatedFeatures, "generated features", minRows: k + 1);
        FeatureMatrix.RequireSameDimension(real, generated);

        var realRadii = PairwiseDistances.KthNeighbourDistances(real, k, maxBlockElements);
        var generatedRadii = PairwiseDistances.KthNeighbourDistances(generated, k, maxBlockElements);

        // One pass over generated-to-real distances answers both questions: a row says whether that
        // generated sample lies in some real ball; a column, summed over all rows, whether that real
        // sample lies in some generated ball.
        long generatedInside = 0;
        var realHits = zeros(real.shape[0], ScalarType.Int64);
        PairwiseDistances.ForEachBlock(generated, real, maxBlockElements, (distances, start) =>
        {
            generatedInside += (distances <= realRadii.unsqueeze(0)).any(1).sum().item<long>();
            var blockRadii = generatedRadii.narrow(0, start, distances.shape[0]).unsqueeze(1);
            // Named: a literal 0 converts to ScalarType, and sum(0) would be the sum of everything as bytes.
            realHits.add_((distances <= blockRadii).sum(dim: 0));
        });

        var realInside = (realHits > 0).sum().item<long>();
        return new PrecisionRecallResult(
            Precision: (double)generatedInside / generated.shape[0],
            Recall: (double)realInside / real.shape[0]);
    }
}
