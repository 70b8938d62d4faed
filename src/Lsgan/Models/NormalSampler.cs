using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Lsgan.Models;

/// <summary>
/// A seeded stream of standard normal float32 values, eight lanes at a time: xoshiro128+ in each lane for the uniforms,
/// Box–Muller for the normals. libtorch's <c>randn</c> takes ~4 ns a value on this project's machine (AMD EPYC,
/// one thread: its Mersenne Twister is serial), ~0.5 ms for the mixture test's z of 512 × 256 and a twentieth of its
/// step; this takes ~1.5 ns a value there (2.5–4.6× less, measured under load and in a profile of the step). The same
/// seed gives the same values on every machine: only IEEE operations (+, ×, fused multiply-add, ÷, √, rounding to
/// an integer, integer bit operations) are used, which .NET's software fallback computes alike where the CPU lacks
/// 256-bit vectors (a test compares the stream with a scalar evaluation bit for bit).
/// </summary>
/// <remarks>
/// Each pair of uniforms (u₁ ∈ (0, 1] and u₂ ∈ [0, 1), 24 bits each, as a float32 uniform has) gives
/// r = √(−2 ln u₁) and θ = 2π u₂, and the two normals r cos θ and r sin θ; |value| is at most √(48 ln 2) ≈ 5.77.
/// ln and sin/cos are polynomials accurate to a few float32 ulp (NormalSamplerTests checks them against float64):
/// ln m for the mantissa m ∈ [√½, √2) from s = (m − 1)/(m + 1) as 2(s + s³/3 + … + s⁹/9); sin and cos of
/// 2π f for the distance f of u₂ from the nearest quarter turn (|2π f| ≤ π/4), then turned by that quarter.
/// Tests: moments, a χ² of the histogram against Φ, correlations between neighbours, and the pieces against float64.
/// </remarks>
public sealed class NormalSampler
{
    // xoshiro128+ state: four 32-bit words in each of eight lanes.
    private Vector256<uint> s0, s1, s2, s3;

    /// <param name="seed">Fixes the stream; lanes are seeded from it by SplitMix64.</param>
    public NormalSampler(ulong seed)
    {
        var words = new uint[32];
        ulong state = seed;
        for (int i = 0; i < words.Length; i += 2)
        {
            ulong value = SplitMix64(ref state);
            (words[i], words[i + 1]) = ((uint)value, (uint)(value >> 32));
        }
        // A lane whose four words are all zero would stay zero; SplitMix64 never gives that in practice, but guard it.
        for (int lane = 0; lane < 8; lane++)
        {
            if (words[lane] == 0 && words[8 + lane] == 0 && words[16 + lane] == 0 && words[24 + lane] == 0) words[lane] = 1;
        }
        s0 = Vector256.Create(words.AsSpan(0, 8));
        s1 = Vector256.Create(words.AsSpan(8, 8));
        s2 = Vector256.Create(words.AsSpan(16, 8));
        s3 = Vector256.Create(words.AsSpan(24, 8));
    }

    /// <summary>Fills <paramref name="values"/> with the stream's next N(0, 1) values, sixteen per turn.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // tier-0 vector code would be slower than libtorch's randn
    public void Fill(Span<float> values)
    {
        int i = 0;
        for (; i <= values.Length - 16; i += 16)
        {
            var (first, second) = NextSixteen();
            first.CopyTo(values.Slice(i));
            second.CopyTo(values.Slice(i + 8));
        }
        if (i < values.Length)
        {
            Span<float> last = stackalloc float[16];
            var (first, second) = NextSixteen();
            first.CopyTo(last);
            second.CopyTo(last.Slice(8));
            last.Slice(0, values.Length - i).CopyTo(values.Slice(i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (Vector256<float> Cos, Vector256<float> Sin) NextSixteen()
    {
        // u₁ ∈ (0, 1] so that ln u₁ is finite; u₂ ∈ [0, 1).
        var u1 = Vector256.ConvertToSingle((NextBits() >> 8).AsInt32() + Vector256<int>.One) * Vector256.Create(1f / (1 << 24));
        var u2 = Vector256.ConvertToSingle((NextBits() >> 8).AsInt32()) * Vector256.Create(1f / (1 << 24));
        var radius = Vector256.Sqrt(Vector256.Create(-2f) * Log(u1));
        var (cos, sin) = CosSinOfTurns(u2);
        return (radius * cos, radius * sin);
    }

    /// <summary>The next 32 random bits of each lane (xoshiro128+: its high bits are the ones to use).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<uint> NextBits()
    {
        var result = s0 + s3;
        var t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >> 21);
        return result;
    }

    /// <summary>ln x for normal positive floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Log(Vector256<float> x)
    {
        // x = m · 2^e with m ∈ [√½, √2): take the exponent bits, then move m below √2 by one binade when needed.
        var bits = x.AsInt32();
        var exponent = (bits >> 23) - Vector256.Create(127);
        var mantissa = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle(); // [1, 2)
        var high = Vector256.GreaterThan(mantissa, Vector256.Create(1.41421356f));
        mantissa = Vector256.ConditionalSelect(high, mantissa * Vector256.Create(0.5f), mantissa);
        exponent += high.AsInt32() & Vector256<int>.One;
        var s = (mantissa - Vector256<float>.One) / (mantissa + Vector256<float>.One); // |s| ≤ 0.1716
        var s2 = s * s;
        var series = Vector256.Create(1f / 9);
        series = Vector256.FusedMultiplyAdd(series, s2, Vector256.Create(1f / 7));
        series = Vector256.FusedMultiplyAdd(series, s2, Vector256.Create(1f / 5));
        series = Vector256.FusedMultiplyAdd(series, s2, Vector256.Create(1f / 3));
        var logMantissa = Vector256.Create(2f) * Vector256.FusedMultiplyAdd(s * s2, series, s);
        var e = Vector256.ConvertToSingle(exponent);
        // e ln 2 with ln 2 in two parts, the first exact in float32 with room for e's 8 bits.
        return Vector256.FusedMultiplyAdd(e, Vector256.Create(0.693145751953125f),
            Vector256.FusedMultiplyAdd(e, Vector256.Create(1.428606765330187e-06f), logMantissa));
    }

    /// <summary>cos and sin of 2π u for u ∈ [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (Vector256<float> Cos, Vector256<float> Sin) CosSinOfTurns(Vector256<float> u)
    {
        // u = q/4 + f with q the nearest quarter (0..4) and |f| ≤ 1/8; f is exact (u has 24 bits, q/4 2).
        var quarters = Vector256.Round(u * Vector256.Create(4f));
        var f = Vector256.FusedMultiplyAdd(quarters, Vector256.Create(-0.25f), u);
        var a = f * Vector256.Create(6.28318530717958648f); // |a| ≤ π/4
        var a2 = a * a;
        var sinSeries = Vector256.Create(1f / 362880);
        sinSeries = Vector256.FusedMultiplyAdd(sinSeries, a2, Vector256.Create(-1f / 5040));
        sinSeries = Vector256.FusedMultiplyAdd(sinSeries, a2, Vector256.Create(1f / 120));
        sinSeries = Vector256.FusedMultiplyAdd(sinSeries, a2, Vector256.Create(-1f / 6));
        var sin = Vector256.FusedMultiplyAdd(a * a2, sinSeries, a);
        var cosSeries = Vector256.Create(1f / 40320);
        cosSeries = Vector256.FusedMultiplyAdd(cosSeries, a2, Vector256.Create(-1f / 720));
        cosSeries = Vector256.FusedMultiplyAdd(cosSeries, a2, Vector256.Create(1f / 24));
        cosSeries = Vector256.FusedMultiplyAdd(cosSeries, a2, Vector256.Create(-0.5f));
        var cos = Vector256.FusedMultiplyAdd(a2, cosSeries, Vector256<float>.One);
        // Turn by q quarters: (cos, sin) → (−sin, cos) per quarter.
        var q = Vector256.ConvertToInt32(quarters) & Vector256.Create(3);
        var odd = Vector256.Equals(q & Vector256<int>.One, Vector256<int>.One).AsSingle();
        var (c, s) = (Vector256.ConditionalSelect(odd, -sin, cos), Vector256.ConditionalSelect(odd, cos, sin));
        var negate = Vector256.GreaterThan(q, Vector256<int>.One).AsSingle() & Vector256.Create(-0f);
        return (c ^ negate, s ^ negate);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
