using System.Runtime.Intrinsics;
using Lsgan.Models;

namespace Lsgan.Tests.Models;

/// <summary>
/// The vectorised N(0, 1) stream: its pieces (ln, cos and sin of a turn) against float64, its values' distribution
/// against Φ (bin probabilities integrated from the density by Simpson's rule), and its reproducibility.
/// </summary>
public sealed class NormalSamplerTests
{
    [Fact]
    public void Given_every_uniform_the_stream_can_draw_when_its_log_is_taken_then_it_is_within_2e_7_of_the_float64_log()
    {
        // u₁ = k / 2^24 for k = 1..2^24 is every value the stream feeds to ln; take k in steps and the ends.
        var ks = Enumerable.Range(0, 200_000).Select(i => 1 + (long)i * 83).Concat([1L, 2, 3, (1 << 24) - 1, 1 << 24]).ToArray();
        double worst = 0;
        for (int start = 0; start + 8 <= ks.Length; start += 8)
        {
            var u = Vector256.Create(ks.Skip(start).Take(8).Select(k => k / (float)(1 << 24)).ToArray());
            var log = NormalSampler.Log(u);
            for (int lane = 0; lane < 8; lane++)
            {
                double exact = Math.Log(u[lane]);
                // Relative to 1 + |ln u|: r = √(−2 ln u) needs ln u to float32 precision in relative terms far from
                // 1 and absolute terms near it.
                worst = Math.Max(worst, Math.Abs(log[lane] - exact) / (1 + Math.Abs(exact)));
            }
        }
        Assert.True(worst < 2e-7, $"worst error {worst:E2}");
    }

    [Fact]
    public void Given_turns_across_a_full_circle_when_cos_and_sin_are_taken_then_each_is_within_3e_7_of_float64()
    {
        double worst = 0;
        for (int start = 0; start < (1 << 24); start += 8 * 97)
        {
            var u = Vector256.Create(Enumerable.Range(0, 8).Select(lane => Math.Min(start + lane * 97, (1 << 24) - 1) / (float)(1 << 24)).ToArray());
            var (cos, sin) = NormalSampler.CosSinOfTurns(u);
            for (int lane = 0; lane < 8; lane++)
            {
                double angle = 2 * Math.PI * u[lane];
                worst = Math.Max(worst, Math.Max(Math.Abs(cos[lane] - Math.Cos(angle)), Math.Abs(sin[lane] - Math.Sin(angle))));
            }
        }
        Assert.True(worst < 3e-7, $"worst error {worst:E2}");
    }

    [Fact]
    public void Given_four_million_values_when_their_moments_and_histogram_are_taken_then_they_match_the_standard_normal()
    {
        const int n = 4_000_000;
        var values = new float[n];
        new NormalSampler(7).Fill(values);

        double mean = values.Average(v => (double)v);
        double variance = values.Average(v => ((double)v - mean) * (v - mean));
        double skew = values.Average(v => Math.Pow(v - mean, 3)) / Math.Pow(variance, 1.5);
        double kurtosis = values.Average(v => Math.Pow(v - mean, 4)) / (variance * variance);
        // Five standard errors of each estimate under N(0, 1): √(1/n), √(2/n), √(6/n), √(24/n).
        Assert.True(Math.Abs(mean) < 5 * Math.Sqrt(1.0 / n), $"mean {mean:E3}");
        Assert.True(Math.Abs(variance - 1) < 5 * Math.Sqrt(2.0 / n), $"variance {variance:F5}");
        Assert.True(Math.Abs(skew) < 5 * Math.Sqrt(6.0 / n), $"skew {skew:E3}");
        Assert.True(Math.Abs(kurtosis - 3) < 5 * Math.Sqrt(24.0 / n), $"kurtosis {kurtosis:F4}");

        // χ² over 100 bins of width 0.1 on [−5, 5] plus the two tails: 101 degrees of freedom, whose 99.99th
        // percentile is ~160.
        const int bins = 100;
        var counts = new long[bins + 2];
        foreach (float v in values) counts[v < -5 ? 0 : v >= 5 ? bins + 1 : 1 + Math.Min(bins - 1, (int)((v + 5) / 0.1))]++;
        double chiSquared = 0, inner = 0;
        for (int b = 0; b < bins; b++)
        {
            double p = NormalProbability(-5 + b * 0.1, -5 + (b + 1) * 0.1);
            inner += p;
            double expected = n * p;
            chiSquared += (counts[b + 1] - expected) * (counts[b + 1] - expected) / expected;
        }
        double tail = (1 - inner) / 2, expectedTail = n * tail;
        chiSquared += (counts[0] - expectedTail) * (counts[0] - expectedTail) / expectedTail;
        chiSquared += (counts[^1] - expectedTail) * (counts[^1] - expectedTail) / expectedTail;
        Assert.True(chiSquared < 160, $"chi-squared {chiSquared:F1} over 101 degrees of freedom");
    }

    [Fact]
    public void Given_consecutive_values_when_their_correlation_is_taken_then_it_is_zero_within_sampling_error()
    {
        const int n = 1_000_000;
        var values = new float[n];
        new NormalSampler(3).Fill(values);
        // Lag 1 (within a lane's block of eight), lag 8 (a cos value and the sin value of the same pair) and lag 16
        // (a lane's next draw).
        foreach (int lag in new[] { 1, 8, 16 })
        {
            double sum = 0;
            for (int i = 0; i + lag < n; i++) sum += (double)values[i] * values[i + lag];
            double correlation = sum / (n - lag);
            Assert.True(Math.Abs(correlation) < 5 / Math.Sqrt(n), $"lag {lag}: correlation {correlation:E3}");
        }
    }

    [Fact]
    public void Given_a_seed_when_the_stream_is_drawn_twice_then_the_values_repeat_and_another_seed_gives_others()
    {
        var first = new float[37];
        var again = new float[48];
        var other = new float[37];
        new NormalSampler(11).Fill(first);
        new NormalSampler(11).Fill(again);
        new NormalSampler(12).Fill(other);

        // A length that is not a multiple of 16 takes the first values of the last turn.
        Assert.Equal(again.Take(37), first);
        Assert.Equal(0, first.Zip(other).Count(pair => pair.First == pair.Second));
        Assert.All(first, v => Assert.True(float.IsFinite(v) && Math.Abs(v) <= 5.78f));
    }

    [Fact]
    public void Given_a_seed_when_the_stream_is_drawn_then_it_equals_a_scalar_evaluation_of_the_same_operations_bit_for_bit()
    {
        // Lane by lane in scalar float arithmetic, as .NET's software fallback computes Vector256 where the CPU lacks
        // 256-bit vectors: the same seed must give the same values there.
        const ulong seed = 21;
        var values = new float[64];
        new NormalSampler(seed).Fill(values);

        var state = new uint[4, 8];
        ulong mix = seed;
        var words = new uint[32];
        for (int i = 0; i < 32; i += 2)
        {
            ulong z = mix += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            (words[i], words[i + 1]) = ((uint)z, (uint)(z >> 32));
        }
        for (int w = 0; w < 4; w++) for (int lane = 0; lane < 8; lane++) state[w, lane] = words[w * 8 + lane];
        uint Next(int lane)
        {
            uint result = state[0, lane] + state[3, lane], t = state[1, lane] << 9;
            state[2, lane] ^= state[0, lane];
            state[3, lane] ^= state[1, lane];
            state[1, lane] ^= state[2, lane];
            state[0, lane] ^= state[3, lane];
            state[2, lane] ^= t;
            state[3, lane] = (state[3, lane] << 11) | (state[3, lane] >> 21);
            return result;
        }

        for (int turn = 0; turn < 4; turn++)
        {
            var u1 = new float[8];
            var u2 = new float[8];
            for (int lane = 0; lane < 8; lane++) u1[lane] = ((int)(Next(lane) >> 8) + 1) * (1f / (1 << 24));
            for (int lane = 0; lane < 8; lane++) u2[lane] = (int)(Next(lane) >> 8) * (1f / (1 << 24));
            for (int lane = 0; lane < 8; lane++)
            {
                float radius = MathF.Sqrt(-2f * ScalarLog(u1[lane]));
                var (cos, sin) = ScalarCosSin(u2[lane]);
                Assert.Equal(BitConverter.SingleToInt32Bits(radius * cos), BitConverter.SingleToInt32Bits(values[turn * 16 + lane]));
                Assert.Equal(BitConverter.SingleToInt32Bits(radius * sin), BitConverter.SingleToInt32Bits(values[turn * 16 + 8 + lane]));
            }
        }
    }

    private static float ScalarLog(float x)
    {
        int bits = BitConverter.SingleToInt32Bits(x);
        int exponent = (bits >> 23) - 127;
        float mantissa = BitConverter.Int32BitsToSingle((bits & 0x007FFFFF) | 0x3F800000);
        if (mantissa > 1.41421356f) (mantissa, exponent) = (mantissa * 0.5f, exponent + 1);
        float s = (mantissa - 1) / (mantissa + 1), s2 = s * s;
        float series = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(1f / 9, s2, 1f / 7), s2, 1f / 5), s2, 1f / 3);
        float logMantissa = 2f * MathF.FusedMultiplyAdd(s * s2, series, s);
        float e = exponent;
        return MathF.FusedMultiplyAdd(e, 0.693145751953125f, MathF.FusedMultiplyAdd(e, 1.428606765330187e-06f, logMantissa));
    }

    private static (float Cos, float Sin) ScalarCosSin(float u)
    {
        float quarters = MathF.Round(u * 4f);
        float a = MathF.FusedMultiplyAdd(quarters, -0.25f, u) * 6.28318530717958648f, a2 = a * a;
        float sinSeries = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(1f / 362880, a2, -1f / 5040), a2, 1f / 120), a2, -1f / 6);
        float sin = MathF.FusedMultiplyAdd(a * a2, sinSeries, a);
        float cosSeries = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(1f / 40320, a2, -1f / 720), a2, 1f / 24), a2, -0.5f);
        float cos = MathF.FusedMultiplyAdd(a2, cosSeries, 1f);
        int q = (int)quarters & 3;
        var (c, s) = q % 2 == 1 ? (-sin, cos) : (cos, sin);
        return q > 1 ? (-c, -s) : (c, s);
    }

    /// <summary>P(lo ≤ X &lt; hi) for X ~ N(0, 1): Simpson's rule on the density with 200 panels (error ~1e-14).</summary>
    private static double NormalProbability(double lo, double hi)
    {
        const int panels = 200;
        double h = (hi - lo) / panels, sum = Density(lo) + Density(hi);
        for (int i = 1; i < panels; i++) sum += (i % 2 == 1 ? 4 : 2) * Density(lo + i * h);
        return sum * h / 3;
    }

    private static double Density(double x) => Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);
}
