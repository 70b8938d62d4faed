using Lsgan.Metrics;

namespace Lsgan.Experiments.Mixture;

/// <summary>
/// Scores 2-D points against a mixture's modes: each point's nearest centre, and whether it lies within a radius of
/// it; then <see cref="ModeCoverage"/>. Two radii: 3σ (VEEGAN's and PacGAN's "high quality" rule) and "near", a
/// quarter of the smallest distance between two centres, which tells a point that sits on a mode's place from one
/// between modes at the coarse scale the paper's kernel-density pictures show.
/// </summary>
public static class MixtureEvaluation
{
    /// <summary>Points within this many σ of their nearest centre are high quality.</summary>
    public const double HighQualityRadiusInStds = 3;

    /// <summary>The high-quality radius of <paramref name="layout"/>: 3σ.</summary>
    public static double HighQualityRadius(MixtureLayout layout) => HighQualityRadiusInStds * layout.Std;

    /// <summary>
    /// The near radius of <paramref name="layout"/>: a quarter of the smallest distance between two centres (0.19 on
    /// the ring of 8 of radius 1, 0.5 on the grid of spacing 2); the whole plane's scale for a single mode.
    /// </summary>
    public static double NearRadius(MixtureLayout layout)
    {
        var centres = layout.Centres();
        int k = centres.GetLength(0);
        double smallest = double.PositiveInfinity;
        for (int a = 0; a < k; a++)
        {
            for (int b = a + 1; b < k; b++)
                smallest = Math.Min(smallest, Math.Sqrt(Math.Pow(centres[a, 0] - centres[b, 0], 2) + Math.Pow(centres[a, 1] - centres[b, 1], 2)));
        }
        return k == 1 ? layout.Scale : smallest / 4;
    }

    /// <summary>Coverage with the 3σ high-quality rule.</summary>
    /// <param name="points">x0, y0, x1, y1, … (row-major [N, 2]).</param>
    /// <param name="layout">The mixture the points should come from.</param>
    /// <param name="minimumPerMode">High-quality points a mode needs to count as covered.</param>
    public static ModeCoverageResult Measure(ReadOnlySpan<float> points, MixtureLayout layout, int minimumPerMode) =>
        Measure(points, layout, minimumPerMode, HighQualityRadius(layout));

    /// <summary>Coverage where a point counts when it lies within <paramref name="radius"/> of its nearest centre.</summary>
    public static ModeCoverageResult Measure(ReadOnlySpan<float> points, MixtureLayout layout, int minimumPerMode, double radius)
    {
        var centres = layout.Centres();
        int n = points.Length / 2, k = centres.GetLength(0);
        var nearest = new int[n];
        var within = new bool[n];
        double radiusSquared = radius * radius;
        for (int i = 0; i < n; i++)
        {
            double x = points[2 * i], y = points[2 * i + 1], best = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                double dx = x - centres[c, 0], dy = y - centres[c, 1], distance = dx * dx + dy * dy;
                if (distance < best) (best, nearest[i]) = (distance, c);
            }
            // A NaN point is nowhere near a mode: its comparison is false, so it stays at mode 0 and does not count.
            within[i] = best <= radiusSquared;
        }
        return ModeCoverage.Measure(nearest, within, k, minimumPerMode);
    }
}
