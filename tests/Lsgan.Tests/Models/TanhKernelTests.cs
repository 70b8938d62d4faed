using Lsgan.Models.Layers;

namespace Lsgan.Tests.Models;

/// <summary>The vectorised tanh against Math.Tanh in float64, in units in the last place of the float32 result.</summary>
public sealed class TanhKernelTests
{
    [Fact]
    public void Given_values_across_every_range_when_tanh_is_taken_then_each_is_within_6_ulp_of_the_float64_value_and_never_beyond_1()
    {
        var random = new Random(5);
        // A dense grid over [−12, 12] (the rational form, the cap at 9 and what lies beyond), values spread
        // over magnitudes 1e-30..10, and edges.
        float[] grid = [.. Enumerable.Range(0, 2_400_001).Select(i => -12f + i * 1e-5f)];
        float[] spread = [.. Enumerable.Range(0, 200_007).Select(_ => (random.Next(2) * 2 - 1) * MathF.Pow(10, (float)(random.NextDouble() * 31 - 30)))];
        float[] edges = [0f, -0f, 0.55f, -0.55f, MathF.BitDecrement(0.55f), 9.1f, 30f, -1e30f, float.Epsilon, -float.Epsilon, 1e-38f, 0f, 0f, 0f, 0f, 0f];

        foreach (var values in new[] { grid, spread, edges })
        {
            var result = VectorTanh(values);
            var (worst, at) = WorstUlp(values, result);
            // 6 ulp: float32 rounding of the rational form's two polynomials and quotient (the fit itself is within 2e-8).
            Assert.True(worst <= 6, $"tanh({at:R}) is {worst:F2} ulp off");
            // |tanh| ≤ 1, so that the gradient's 1 − y² never turns negative.
            Assert.All(result, y => Assert.True(Math.Abs(y) <= 1f, $"|tanh| = {Math.Abs(y):R} > 1"));
        }
    }

    [Fact]
    public void Given_tanh_outputs_and_upstream_gradients_when_the_gradient_is_taken_then_it_is_dy_times_one_minus_y_squared()
    {
        var random = new Random(7);
        float[] y = [.. Enumerable.Range(0, 1003).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        float[] dy = [.. Enumerable.Range(0, 1003).Select(_ => (float)(random.NextDouble() * 10 - 5))];
        var dx = new float[y.Length];

        TanhKernel.Gradient(y, dy, dx);

        for (int i = 0; i < y.Length; i++)
        {
            double expected = (double)dy[i] * (1 - (double)y[i] * y[i]);
            Assert.True(Math.Abs(dx[i] - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"dx[{i}] = {dx[i]:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void Given_a_product_and_a_bias_when_tanh_with_bias_is_taken_then_each_value_is_tanh_of_their_float32_sum()
    {
        // 13 columns: a full vector of 8 and a tail of 5 in every row.
        var random = new Random(9);
        const int rows = 7, cols = 13;
        float[] product = [.. Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() * 8 - 4))];
        float[] bias = [.. Enumerable.Range(0, cols).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        float[] sums = [.. product.Select((v, i) => v + bias[i % cols])];
        var expected = VectorTanh(sums);

        var values = (float[])product.Clone();
        TanhKernel.ForwardWithBias(values, bias);

        var (worst, at) = WorstUlp(sums, values);
        Assert.True(worst <= 6, $"tanh({at:R}) is {worst:F2} ulp off");
        // The first 8 columns go through the vector kernel, bit for bit as on the sums with no bias.
        for (int r = 0; r < rows; r++) Assert.Equal(expected.AsSpan(r * cols, 8).ToArray(), values.AsSpan(r * cols, 8).ToArray());
        // The 5 left over in each row go through MathF.Tanh.
        for (int i = 0; i < sums.Length; i++)
        {
            if (i % cols >= 8) Assert.Equal(MathF.Tanh(sums[i]), values[i]);
        }
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(45, 128)]   // a block of 32 rows and a part block
    [InlineData(100, 3)]    // no full vector
    public void Given_a_tanh_gradient_when_it_is_taken_with_column_sums_then_both_equal_the_separate_kernels_bit_for_bit(int rows, int cols)
    {
        var random = new Random(rows * 1000 + cols);
        float[] y = [.. Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        float[] dy = [.. Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() * 10 - 5))];
        var separate = new float[y.Length];
        var separateSums = new float[cols];
        TanhKernel.Gradient(y, dy, separate);
        ColumnSums.Of(separate, rows, cols, separateSums);

        var dx = new float[y.Length];
        var sums = Enumerable.Repeat(99f, cols).ToArray(); // overwritten, not added to
        TanhKernel.GradientWithColumnSums(y, dy, dx, sums);

        Assert.Equal(separate, dx);
        Assert.Equal(separateSums, sums);
        // And the sums against float64.
        for (int c = 0; c < cols; c++)
        {
            double exact = Enumerable.Range(0, rows).Sum(r => (double)dy[r * cols + c] * (1 - (double)y[r * cols + c] * y[r * cols + c]));
            Assert.True(Math.Abs(sums[c] - exact) <= 1e-5 * Math.Max(1, Math.Abs(exact)), $"column {c}: {sums[c]:R} vs {exact:R}");
        }
    }

    [Fact]
    public void Given_values_that_are_not_whole_rows_of_the_bias_when_tanh_with_bias_is_taken_then_it_refuses()
    {
        Assert.Throws<ArgumentException>(() => TanhKernel.ForwardWithBias(new float[9], new float[8]));
        Assert.Throws<ArgumentException>(() => TanhKernel.ForwardWithBias(new float[8], []));
    }

    /// <summary>tanh of each value through the vector kernel alone: rows of 8 with a zero bias (the values padded with zeros).</summary>
    private static float[] VectorTanh(float[] values)
    {
        var padded = new float[(values.Length + 7) / 8 * 8];
        values.CopyTo(padded, 0);
        TanhKernel.ForwardWithBias(padded, new float[8]);
        return padded[..values.Length];
    }

    private static (double Worst, float At) WorstUlp(float[] x, float[] y)
    {
        double worst = 0;
        float at = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double exact = Math.Tanh(x[i]);
            float rounded = (float)exact;
            // One ulp at the exact value's magnitude (at least the smallest subnormal step).
            double ulp = Math.Max(MathF.BitIncrement(Math.Abs(rounded)) - Math.Abs(rounded), float.Epsilon);
            double error = Math.Abs(y[i] - exact) / ulp;
            if (!(error <= worst)) (worst, at) = (error, x[i]);
        }
        return (worst, at);
    }
}
