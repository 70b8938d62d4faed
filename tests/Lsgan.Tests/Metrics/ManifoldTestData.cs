using static TorchSharp.torch;

namespace Lsgan.Tests.Metrics;

/// <summary>
/// Brute-force k-NN ball counts over plain arrays, written independently of the library's blocked tensor
/// code, for comparing precision/recall and density/coverage on random sets.
/// </summary>
internal static class ManifoldTestData
{
    public static double[][] Rows(Tensor matrix)
    {
        using var scope = NewDisposeScope();
        var (n, d) = (matrix.shape[0], matrix.shape[1]);
        var flat = matrix.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
        return Enumerable.Range(0, (int)n).Select(i => flat.AsSpan(i * (int)d, (int)d).ToArray()).ToArray();
    }

    public static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    /// <summary>Distance from each point to its k-th nearest other point, by sorting all distances.</summary>
    public static double[] Radii(double[][] points, int k) =>
        points.Select((p, i) => points.Where((_, j) => j != i).Select(q => Distance(p, q)).Order().ElementAt(k - 1)).ToArray();

    /// <summary>How many of the balls (centres[i], radii[i]) contain the point.</summary>
    public static int BallsContaining(double[] point, double[][] centres, double[] radii) =>
        centres.Where((c, i) => Distance(point, c) <= radii[i]).Count();
}
