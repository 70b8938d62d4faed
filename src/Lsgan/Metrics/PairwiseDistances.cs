using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// Euclidean distances between feature sets, computed a block of rows at a time: the full 10,000 × 10,000
/// float64 matrix would take 800 MB, a block at most <see cref="DefaultMaxBlockElements"/> entries.
/// </summary>
internal static class PairwiseDistances
{
    /// <summary>8 M float64 entries (64 MB) per block, plus masks of the same shape: fits beside a training run.</summary>
    public const long DefaultMaxBlockElements = 1L << 23;

    /// <summary>
    /// For each row of <paramref name="points"/> ([N, D], float64), the distance to its k-th nearest
    /// neighbour among the other rows. Only the point itself is excluded, by index, so a duplicate of a point
    /// counts as a neighbour at distance 0. Returns [N]; the caller disposes it.
    /// </summary>
    public static Tensor KthNeighbourDistances(Tensor points, int k, long maxBlockElements)
    {
        var n = points.shape[0];
        if (k < 1 || k >= n)
        {
            throw new LsganException(
                $"A k-nearest-neighbour radius with k = {k} needs k ≥ 1 and more than k samples, but there are {n}.");
        }

        var radii = empty(n, ScalarType.Float64);
        ForEachBlock(points, points, maxBlockElements, (distances, start) =>
        {
            // Row i of the block is point start + i, so its own distance sits on the diagonal at offset start.
            distances.diagonal(start, 0, 1).fill_(double.PositiveInfinity);
            // topk of the k smallest is ~8× faster than kthvalue on 10,000-wide rows.
            var (nearest, _) = distances.topk(k, 1, largest: false, sorted: true);
            radii.narrow(0, start, distances.shape[0]).copy_(nearest.select(1, k - 1));
        });
        return radii;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with consecutive blocks of cdist(rows, columns), each [B, M] with
    /// B ≥ 1, and the index of the block's first row. Block tensors are disposed after each call, so the
    /// visitor must only update tensors it owns in place (copy_, add_) or read scalars.
    /// </summary>
    public static void ForEachBlock(Tensor rows, Tensor columns, long maxBlockElements, Action<Tensor, long> visit)
    {
        var n = rows.shape[0];
        var blockRows = Math.Max(1, maxBlockElements / Math.Max(1, columns.shape[0]));
        for (long start = 0; start < n; start += blockRows)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(blockRows, n - start);

            // cdist's default switches to the matrix-product formulation (BLAS speed) above 25 rows; in
            // float64 its rounding only matters for points lying exactly on a ball's boundary.
            var distances = cdist(rows.narrow(0, start, length), columns);
            visit(distances, start);
        }
    }
}
