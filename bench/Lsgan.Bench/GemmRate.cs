using System.Diagnostics;
using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>The machine's float32 matrix-multiply rate through libtorch: the ceiling a training step is held against.</summary>
public static class GemmRate
{
    public static Stats Measure(int n = 2048, int repeats = 10)
    {
        using var a = randn(n, n);
        using var b = randn(n, n);
        for (int i = 0; i < 3; i++) matmul(a, b).Dispose();
        var rates = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            matmul(a, b).Dispose();
            rates.Add(2.0 * n * n * n / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e9);
        }
        return Stats.Of(rates);
    }
}
