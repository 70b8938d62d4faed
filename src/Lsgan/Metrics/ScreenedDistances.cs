using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// Squared Euclidean distances for the k-NN metrics, screened in float32 and decided in float64. One float32
/// matrix product per block (BLAS speed, twice float64's) gives every distance to within a proven bound; only
/// the comparisons that fall within that bound of their threshold, a handful per ten thousand samples, are
/// recomputed exactly in float64 as Σ(xᵢ − yᵢ)². Results are therefore those of an exact float64 computation,
/// not of float32.
/// </summary>
/// <remarks>
/// The bound: with u = 2⁻²⁴, rounding the inputs and norms to float32 and a (D + 2)-term product of
/// Σ|terms| ≤ 2(‖a‖² + ‖b‖²) is off by at most (2(D + 2) + 3)u (‖a‖² + ‖b‖²) (Higham, "Accuracy and Stability
/// of Numerical Algorithms", §3.1, for any summation order, with or without FMA); <see cref="Tolerance"/> adds
/// 32u for rounding the thresholds to float32 and for the float64 centring.
/// </remarks>
internal static class ScreenedDistances
{
    /// <summary>2 M float32 entries (8 MB) per block: small enough to stay in cache across the comparisons.</summary>
    public const long DefaultMaxBlockElements = 1L << 21;

    // Candidates beyond k whose exact distances are checked per row; the screen must separate the k-th
    // neighbour from the (k + ExtraCandidates)-th, which fails only for rows with many near-ties.
    private const int ExtraCandidates = 8;

    // Pairs per exact-distance chunk: 64 K pairs of 128-d float64 rows are 64 MB of gathered rows.
    private const long ExactChunk = 1L << 16;

    /// <summary>ε such that |screened − exact| ≤ ε (‖a‖² + ‖b‖²) in screen units.</summary>
    public static double Tolerance(long dimension) => (2 * (dimension + 2) + 35) * Math.ScaleB(1.0, -24);

    /// <summary>Rows of a block with at most <paramref name="maxBlockElements"/> entries.</summary>
    public static long BlockRows(long columns, long maxBlockElements) => Math.Max(1, maxBlockElements / Math.Max(1, columns));

    /// <summary>Screened squared distances [length, M] from rows start… of <paramref name="rows"/> to all of <paramref name="columns"/>.</summary>
    public static Tensor Block(ScreenedFeatures rows, long start, long length, ScreenedFeatures columns) =>
        rows.Rows.narrow(0, start, length).mm(columns.Columns);

    /// <summary>Exact float64 ‖a[aIndex[p]] − b[bIndex[p]]‖² for each pair p; returns [P].</summary>
    public static Tensor ExactSquaredDistances(Tensor a, Tensor aIndex, Tensor b, Tensor bIndex)
    {
        var count = aIndex.shape[0];
        var result = empty(count, ScalarType.Float64);
        for (long start = 0; start < count; start += ExactChunk)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(ExactChunk, count - start);
            var difference = a.index_select(0, aIndex.narrow(0, start, length)) - b.index_select(0, bIndex.narrow(0, start, length));
            result.narrow(0, start, length).copy_(difference.pow_(2).sum(1));
        }

        return result;
    }

    /// <summary>
    /// For each sample, the exact squared distance to its k-th nearest other sample, for each k in
    /// <paramref name="ks"/>: returns float64 [ks.Length, N] in true units. Only the sample itself is excluded,
    /// by index, so a duplicate counts as a neighbour at distance 0.
    /// </summary>
    public static Tensor SquaredKthNeighbourDistances(ScreenedFeatures points, IReadOnlyList<int> ks, long maxBlockElements)
    {
        var n = points.Count;
        var kMax = ks.Max();
        if (ks.Min() < 1 || kMax >= n)
        {
            throw new LsganException(
                $"A k-nearest-neighbour radius with k = {kMax} needs k ≥ 1 and more than k samples, but there are {n}.");
        }

        var epsilon = Tolerance(points.Dimension);
        var candidates = (int)Math.Min(kMax + ExtraCandidates, n - 1);
        var radii = empty(ks.Count, n, ScalarType.Float64);
        var blockRows = BlockRows(n, maxBlockElements);
        for (long start = 0; start < n; start += blockRows)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(blockRows, n - start);
            var screened = Block(points, start, length, points);
            // Row i of the block is sample start + i, so its own distance sits on the diagonal at offset start.
            screened.diagonal(start, 0, 1).fill_(float.PositiveInfinity);
            var (nearest, indices) = screened.topk(candidates, 1, largest: false, sorted: true);
            var rowIndex = arange(start, start + length, dtype: ScalarType.Int64).unsqueeze(1).expand(length, candidates);
            var exact = ExactSquaredDistances(points.Exact, rowIndex.flatten(), points.Exact, indices.flatten())
                .view(length, candidates).sort(1, descending: false, stable: true).Values;
            for (var i = 0; i < ks.Count; i++)
            {
                radii[i].narrow(0, start, length).copy_(exact.select(1, ks[i] - 1));
            }

            if (candidates == n - 1)
            {
                continue;
            }

            // Every other sample's exact distance is at least its screened one minus the bound, and its
            // screened one is at least the last candidate's; if the k-th exact candidate lies below that, the
            // k nearest are all candidates.
            var band = (points.SquaredNorms.narrow(0, start, length) + points.MaxSquaredNorm) * epsilon;
            var floor = (nearest.select(1, candidates - 1).to_type(ScalarType.Float64) - band) / points.ScaleSquared;
            var unsure = (exact.select(1, kMax - 1) > floor).nonzero().flatten();
            foreach (var row in unsure.data<long>().ToArray())
            {
                ExactRow(points, start + row, ks, radii);
            }
        }

        return radii;
    }

    // Every distance from one sample, exactly: the rare fallback when the screen cannot rank its neighbours.
    private static void ExactRow(ScreenedFeatures points, long row, IReadOnlyList<int> ks, Tensor radii)
    {
        using var scope = NewDisposeScope();
        var distances = (points.Exact - points.Exact[row]).pow_(2).sum(1);
        distances[row].fill_(double.PositiveInfinity);
        var (nearest, _) = distances.topk(ks.Max(), 0, largest: false, sorted: true);
        for (var i = 0; i < ks.Count; i++)
        {
            radii[i][row].copy_(nearest[ks[i] - 1]);
        }
    }
}
