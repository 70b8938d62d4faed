using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// <see cref="PrecisionRecall"/> and <see cref="DensityCoverage"/> from one set of k-nearest-neighbour
/// computations: the real-to-real distances once for both radii (k = 3 and k = 5), the generated-to-generated
/// ones once, and the generated-to-real ones once for all four numbers, instead of five passes when each
/// metric is computed alone. Distances are screened in float32 and decided exactly in float64
/// (<see cref="ScreenedDistances"/>), so the results equal the separate computations.
/// </summary>
public static class NearestNeighbourMetrics
{
    /// <summary>
    /// Computes precision and recall with k = <paramref name="precisionRecallK"/> and density and coverage with
    /// k = <paramref name="densityCoverageK"/>. Both sets need more samples than the larger k (generated: more
    /// than <paramref name="precisionRecallK"/>).
    /// </summary>
    public static NearestNeighbourResult Compute(
        Tensor realFeatures,
        Tensor generatedFeatures,
        int precisionRecallK = PrecisionRecall.DefaultK,
        int densityCoverageK = DensityCoverage.DefaultK)
    {
        var (precisionRecall, densityCoverage) = Compute(
            realFeatures, generatedFeatures, precisionRecallK, densityCoverageK, ScreenedDistances.DefaultMaxBlockElements);
        return new NearestNeighbourResult(precisionRecall!, densityCoverage!);
    }

    /// <summary>Computes the metrics whose k is given; the other result is null.</summary>
    internal static (PrecisionRecallResult? PrecisionRecall, DensityCoverageResult? DensityCoverage) Compute(
        Tensor realFeatures, Tensor generatedFeatures, int? precisionRecallK, int? densityCoverageK, long maxBlockElements)
    {
        ArgumentNullException.ThrowIfNull(realFeatures);
        ArgumentNullException.ThrowIfNull(generatedFeatures);
        var ks = new[] { precisionRecallK, densityCoverageK }.OfType<int>().ToArray();
        if (ks.Length == 0)
        {
            throw new ArgumentException("Ask for at least one of the metrics.");
        }

        using var scope = NewDisposeScope();
        var real = FeatureMatrix.ToFloat64(realFeatures, "real features", minRows: Math.Max(1, ks.Max()) + 1);
        var generated = FeatureMatrix.ToFloat64(generatedFeatures, "generated features", minRows: (precisionRecallK ?? 0) + 1);
        FeatureMatrix.RequireSameDimension(real, generated);

        var (x, y) = ScreenedFeatures.CreatePair(real, generated);
        using var realScreen = x;
        using var generatedScreen = y;
        var realRadii = ScreenedDistances.SquaredKthNeighbourDistances(x, ks, maxBlockElements);
        var realPr = precisionRecallK is null ? null : realRadii[0];
        var realDc = densityCoverageK is null ? null : realRadii[ks.Length - 1];
        var generatedPr = precisionRecallK is int k ? ScreenedDistances.SquaredKthNeighbourDistances(y, [k], maxBlockElements)[0] : null;

        var epsilon = ScreenedDistances.Tolerance(x.Dimension);
        var (n, m) = (real.shape[0], generated.shape[0]);
        var realIds = arange(n, dtype: ScalarType.Int64);
        long generatedInside = 0, ballMemberships = 0;
        var recalled = zeros(n, ScalarType.Bool);
        var covered = zeros(n, ScalarType.Bool);
        var blockRows = ScreenedDistances.BlockRows(n, maxBlockElements);
        for (long start = 0; start < m; start += blockRows)
        {
            using var blockScope = NewDisposeScope();
            var length = Math.Min(blockRows, m - start);
            var screened = ScreenedDistances.Block(y, start, length, x);
            var rowIds = arange(start, start + length, dtype: ScalarType.Int64);
            var rowNorms = y.SquaredNorms.narrow(0, start, length);
            // Balls on the columns (real radii) are compared with the bound for the largest row norm.
            var columnBand = ((x.SquaredNorms + rowNorms.max()) * epsilon).unsqueeze(0);
            if (realPr is not null && generatedPr is not null)
            {
                // Precision: does some real ball (column) hold the generated sample of this row?
                var (certain, possible) = Compare(screened, (realPr * x.ScaleSquared).unsqueeze(0), columnBand);
                var rowCertain = certain.any(1);
                generatedInside += rowCertain.sum().item<long>();
                var openRows = (possible.any(1) & rowCertain.logical_not()).nonzero().flatten();
                if (openRows.numel() > 0)
                {
                    var open = possible.index_select(0, openRows) & certain.index_select(0, openRows).logical_not();
                    var (rows, columns, exact) = Resolve(open, rowIds.index_select(0, openRows), realIds, generated, real);
                    var inside = exact <= realPr.index_select(0, columns);
                    var hit = zeros(length, ScalarType.Bool).index_fill_(0, rows.masked_select(inside) - start, true);
                    generatedInside += hit.sum().item<long>();
                }

                // Recall: does some generated ball (row) hold the real sample of this column?
                var rowBand = ((rowNorms + x.MaxSquaredNorm) * epsilon).unsqueeze(1);
                (certain, possible) = Compare(screened, (generatedPr.narrow(0, start, length) * x.ScaleSquared).unsqueeze(1), rowBand);
                recalled.logical_or_(certain.any(0));
                var openColumns = (possible.any(0) & recalled.logical_not()).nonzero().flatten();
                if (openColumns.numel() > 0)
                {
                    var open = possible.index_select(1, openColumns) & certain.index_select(1, openColumns).logical_not();
                    var (rows, columns, exact) = Resolve(open, rowIds, openColumns, generated, real);
                    var inside = exact <= generatedPr.index_select(0, rows);
                    recalled.index_fill_(0, columns.masked_select(inside), true);
                }
            }

            if (realDc is not null)
            {
                // Density counts every (generated, real ball) membership; coverage marks the balls holding any.
                var (certain, possible) = Compare(screened, (realDc * x.ScaleSquared).unsqueeze(0), columnBand);
                var certainCount = certain.sum().item<long>();
                ballMemberships += certainCount;
                covered.logical_or_(certain.any(0));
                if (possible.sum().item<long>() > certainCount)
                {
                    var (_, columns, exact) = Resolve(possible & certain.logical_not(), rowIds, realIds, generated, real);
                    var inside = exact <= realDc.index_select(0, columns);
                    ballMemberships += inside.sum().item<long>();
                    covered.index_fill_(0, columns.masked_select(inside), true);
                }
            }
        }

        var precisionRecall = precisionRecallK is null ? null : new PrecisionRecallResult(
            Precision: (double)generatedInside / m,
            Recall: recalled.sum().item<long>() / (double)n);
        var densityCoverage = densityCoverageK is int dcK ? new DensityCoverageResult(
            Density: ballMemberships / ((double)dcK * m),
            Coverage: covered.sum().item<long>() / (double)n) : null;
        return (precisionRecall, densityCoverage);
    }

    // Entries certainly inside (screened ≤ t − band) and possibly inside (screened ≤ t + band), all in screen
    // units; thresholds and bands broadcast over the block.
    private static (Tensor Certain, Tensor Possible) Compare(Tensor screened, Tensor threshold, Tensor band) =>
        (screened <= (threshold - band).to_type(ScalarType.Float32), screened <= (threshold + band).to_type(ScalarType.Float32));

    // Exact squared distances for the entries the screen left open: `open` is a bool sub-block whose rows are
    // the generated samples `rowIds` and whose columns are the real samples `columnIds`.
    private static (Tensor Rows, Tensor Columns, Tensor Exact) Resolve(Tensor open, Tensor rowIds, Tensor columnIds, Tensor generated, Tensor real)
    {
        var pairs = open.nonzero();
        var rows = rowIds.index_select(0, pairs.select(1, 0));
        var columns = columnIds.index_select(0, pairs.select(1, 1));
        return (rows, columns, ScreenedDistances.ExactSquaredDistances(generated, rows, real, columns));
    }
}
