using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// One feature set prepared for <see cref="ScreenedDistances"/>: the float64 samples as given, for exact
/// distances, and a float32 copy shifted by a common centre and scaled by a common power of two, augmented so
/// that one matrix product gives squared distances: rows [−2c, ‖c‖², 1] times columns [c, 1, ‖c‖²]ᵀ is
/// ‖c₁‖² + ‖c₂‖² − 2c₁·c₂ = ‖c₁ − c₂‖².
/// </summary>
/// <remarks>
/// Centring on the real mean keeps the norms, and with them the float32 cancellation error, as small as the
/// spread of the data allows; the power-of-two scale (exact in float64) puts the largest norm near 1, so
/// float32 neither overflows nor goes subnormal whatever the features' units. Screen values are in scaled
/// units: a true squared distance t is <see cref="ScaleSquared"/>·t there.
/// </remarks>
internal sealed class ScreenedFeatures : IDisposable
{
    private ScreenedFeatures(Tensor exact, Tensor rows, Tensor columns, Tensor squaredNorms, double scaleSquared)
    {
        Exact = exact;
        Rows = rows;
        Columns = columns;
        SquaredNorms = squaredNorms;
        MaxSquaredNorm = squaredNorms.max().item<double>();
        ScaleSquared = scaleSquared;
    }

    /// <summary>The samples as given, float64 [N, D]; not owned.</summary>
    public Tensor Exact { get; }

    /// <summary>float32 [N, D + 2]: [−2c, ‖c‖², 1] per sample.</summary>
    public Tensor Rows { get; }

    /// <summary>float32 [D + 2, N]: [c, 1, ‖c‖²] per sample, as columns.</summary>
    public Tensor Columns { get; }

    /// <summary>‖c‖² per sample in scaled units, float64 [N].</summary>
    public Tensor SquaredNorms { get; }

    public double MaxSquaredNorm { get; }

    /// <summary>The factor from true squared distances to screen units (a power of 4).</summary>
    public double ScaleSquared { get; }

    public long Count => Exact.shape[0];

    public long Dimension => Exact.shape[1];

    /// <summary>
    /// Prepares <paramref name="first"/> and <paramref name="second"/> (float64 [N, D] and [M, D]) with the
    /// centre at <paramref name="first"/>'s mean and a scale that suits both.
    /// </summary>
    public static (ScreenedFeatures First, ScreenedFeatures Second) CreatePair(Tensor first, Tensor second)
    {
        using var scope = NewDisposeScope();
        var centre = first.mean([0], keepdim: true);
        var maxSquaredNorm = Math.Max(SquaredNormsOf(first - centre).max().item<double>(), SquaredNormsOf(second - centre).max().item<double>());
        if (!double.IsFinite(maxSquaredNorm))
        {
            throw new LsganException("The features are too large for squared distances in float64 (above ~1e154); rescale them.");
        }

        var scale = maxSquaredNorm > 0 ? Math.ScaleB(1.0, -Math.ILogB(Math.Sqrt(maxSquaredNorm))) : 1.0;
        return (Create(first, centre, scale), Create(second, centre, scale));
    }

    public void Dispose()
    {
        Rows.Dispose();
        Columns.Dispose();
        SquaredNorms.Dispose();
    }

    private static ScreenedFeatures Create(Tensor exact, Tensor centre, double scale)
    {
        using var scope = NewDisposeScope();
        var centred = (exact - centre) * scale;
        var squaredNorms = SquaredNormsOf(centred);
        var norms32 = squaredNorms.to_type(ScalarType.Float32).unsqueeze(1);
        var centred32 = centred.to_type(ScalarType.Float32);
        var ones = ones_like(norms32);
        var rows = cat([centred32 * -2, norms32, ones], 1).contiguous();
        var columns = cat([centred32, ones, norms32], 1).t().contiguous();
        return new ScreenedFeatures(
            exact,
            rows.DetachFromDisposeScope(),
            columns.DetachFromDisposeScope(),
            squaredNorms.DetachFromDisposeScope(),
            scale * scale);
    }

    private static Tensor SquaredNormsOf(Tensor points) => points.square().sum(1);
}
