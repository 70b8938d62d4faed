using Lsgan.Metrics;

namespace Lsgan.Experiments;

/// <summary>
/// Scores 2-D points against a mixture's modes: each point's nearest centre, and whether it lies within 3σ of it
/// (VEEGAN's and PacGAN's "high quality" rule); then <see cref="ModeCoverage"/>.
/// </summary>
public static class MixtureEvaluation
{
    /// <summary>Points within this many σ of their nearest centre are high quality.</summary>
    public const double HighQualityRadiusInStds = 3;

    /// <param name="points">x0, y0, x1, y1, … (row-major [N, 2]).</param>
    /// <param name="layout">The mixture the points should come from.</param>
    /// <param name="minimumPerMode">High-quality points a mode needs to count as covered.</param>
    public static ModeCoverageResult Measure(ReadOnlySpan<float> points, MixtureLayout layout, int minimumPerMode)
    {
        var centres = layout.Centres();
        int n = points.Length / 2, k = centres.GetLength(0);
        var nearest = new int[n];
        var highQuality = new bool[n];
        double radiusSquared = Math.Pow(HighQualityRadiusInStds * layout.Std, 2);
        for (int i = 0; i < n; i++)
        {
            double x = points[2 * i], y = points[2 * i + 1], best = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double dx = x - centres[c, 0], dy = y - centres[c, 1], distance = dx * dx + dy * dy;
                if (distance < best) (best, nearest[i]) = (distance, c);
            }
            // A NaN point is nowhere near a mode: its comparison is false, so it stays at mode 0 and low quality.
            highQuality[i] = best <= radiusSquared;
        }
        return ModeCoverage.Measure(nearest, highQuality, k, minimumPerMode);
    }
}
