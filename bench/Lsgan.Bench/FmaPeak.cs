using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lsgan.Bench;

/// <summary>
/// The machine's float32 fused-multiply-add throughput, measured by a loop that does nothing else: each
/// thread keeps 12 independent accumulators (more than FMA latency × FMA units on current x86 cores: 4 × 2),
/// each updated as acc = acc × m + c with the widest FMA instructions the CPU has (AVX-512 even where .NET prefers 256-bit vectors by default). No GEMM can beat this rate,
/// so it is the physical limit a training step's FLOP rate is held against (libtorch's own GEMM may use
/// narrower kernels than the CPU has: issue 14 found MKL at half of an AVX-512 EPYC's rate).
/// </summary>
public static class FmaPeak
{
    public const int Accumulators = 12;

    /// <summary>float32 lanes per instruction of the loop this CPU runs: 16 with AVX-512, 8 with FMA3, 4 otherwise.</summary>
    public static int Lanes => Avx512F.IsSupported ? 16 : Fma.IsSupported ? 8 : 4;

    /// <summary>GFLOP/s of <paramref name="threads"/> threads running the loop at once; best of <paramref name="repeats"/>.</summary>
    public static double Measure(int threads, long iterations = 50_000_000, int repeats = 3)
    {
        RunOneThread(1000, 0.9999f, 1e-3f); // compile the loop before timing it
        int lanes = Lanes;
        double best = 0;
        for (int r = 0; r < repeats; r++)
        {
            using var start = new Barrier(threads + 1);
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                start.SignalAndWait();
                RunOneThread(iterations, 0.9999f, 1e-3f);
            })).ToList();
            workers.ForEach(w => w.Start());
            start.SignalAndWait();
            long t0 = Stopwatch.GetTimestamp();
            workers.ForEach(w => w.Join());
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            best = Math.Max(best, FlopsPerThread(iterations, lanes) * threads / seconds / 1e9);
        }
        return best;
    }

    /// <summary>FLOPs one thread performs in <paramref name="iterations"/> iterations: 2 per lane per FMA.</summary>
    public static double FlopsPerThread(long iterations, int lanes) => 2.0 * iterations * Accumulators * lanes;

    /// <summary>
    /// Runs the loop; returns accumulator 0's first lane (the same value in every lane and accumulator, each
    /// started at 0): m^n·0 + c·(1 − m^n)/(1 − m), which the tests check so the loop is known to run as counted.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float RunOneThread(long iterations, float multiplier, float addend)
    {
        if (Avx512F.IsSupported) return Run512(iterations, multiplier, addend);
        if (Fma.IsSupported) return Run256(iterations, multiplier, addend);
        return RunPortable(iterations, multiplier, addend);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run512(long iterations, float multiplier, float addend)
    {
        var m = Vector512.Create(multiplier);
        var c = Vector512.Create(addend);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        Vector512<float> a6 = default, a7 = default, a8 = default, a9 = default, a10 = default, a11 = default;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Avx512F.FusedMultiplyAdd(a0, m, c); a1 = Avx512F.FusedMultiplyAdd(a1, m, c);
            a2 = Avx512F.FusedMultiplyAdd(a2, m, c); a3 = Avx512F.FusedMultiplyAdd(a3, m, c);
            a4 = Avx512F.FusedMultiplyAdd(a4, m, c); a5 = Avx512F.FusedMultiplyAdd(a5, m, c);
            a6 = Avx512F.FusedMultiplyAdd(a6, m, c); a7 = Avx512F.FusedMultiplyAdd(a7, m, c);
            a8 = Avx512F.FusedMultiplyAdd(a8, m, c); a9 = Avx512F.FusedMultiplyAdd(a9, m, c);
            a10 = Avx512F.FusedMultiplyAdd(a10, m, c); a11 = Avx512F.FusedMultiplyAdd(a11, m, c);
        }
        var sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return sum.ToScalar() / Accumulators;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run256(long iterations, float multiplier, float addend)
    {
        var m = Vector256.Create(multiplier);
        var c = Vector256.Create(addend);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        Vector256<float> a6 = default, a7 = default, a8 = default, a9 = default, a10 = default, a11 = default;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Fma.MultiplyAdd(a0, m, c); a1 = Fma.MultiplyAdd(a1, m, c);
            a2 = Fma.MultiplyAdd(a2, m, c); a3 = Fma.MultiplyAdd(a3, m, c);
            a4 = Fma.MultiplyAdd(a4, m, c); a5 = Fma.MultiplyAdd(a5, m, c);
            a6 = Fma.MultiplyAdd(a6, m, c); a7 = Fma.MultiplyAdd(a7, m, c);
            a8 = Fma.MultiplyAdd(a8, m, c); a9 = Fma.MultiplyAdd(a9, m, c);
            a10 = Fma.MultiplyAdd(a10, m, c); a11 = Fma.MultiplyAdd(a11, m, c);
        }
        var sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        return sum.ToScalar() / Accumulators;
    }

    // Without FMA units there is no fused instruction to count; a multiply and an add do the same arithmetic.
    private static float RunPortable(long iterations, float multiplier, float addend)
    {
        var m = Vector128.Create(multiplier);
        var c = Vector128.Create(addend);
        var acc = new Vector128<float>[Accumulators];
        for (long i = 0; i < iterations; i++)
        {
            for (int k = 0; k < Accumulators; k++) acc[k] = acc[k] * m + c;
        }
        return acc.Aggregate((x, y) => x + y).ToScalar() / Accumulators;
    }
}
