using Lsgan.Models.Layers;

namespace Lsgan.Tests.Models;

/// <summary>Column sums against float64 sums, for shapes whose rows and columns do not fill the vectors and blocks.</summary>
public sealed class ColumnSumsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(33, 13)]
    [InlineData(1024, 128)]
    [InlineData(100, 4100)]
    public void Given_a_matrix_when_its_columns_are_summed_then_each_sum_matches_float64(int rows, int cols)
    {
        var random = new Random(rows * 31 + cols);
        float[] matrix = [.. Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        var sums = new float[cols];

        ColumnSums.Of(matrix, rows, cols, sums);

        for (int c = 0; c < cols; c++)
        {
            double exact = 0, magnitude = 0;
            for (int r = 0; r < rows; r++) (exact, magnitude) = (exact + matrix[r * cols + c], magnitude + Math.Abs(matrix[r * cols + c]));
            // Blocks of 32 rows: each value passes through at most 32 + rows / 32 float32 additions.
            double bound = (32 + rows / 32.0) * 6e-8 * magnitude + 1e-12;
            Assert.True(Math.Abs(sums[c] - exact) <= bound, $"column {c}: {sums[c]:R}, expected {exact:R}");
        }
    }

    [Fact]
    public void Given_sizes_that_do_not_match_when_summed_then_it_refuses()
    {
        Assert.Throws<ArgumentException>(() => ColumnSums.Of(new float[12], 3, 5, new float[5]));
        Assert.Throws<ArgumentException>(() => ColumnSums.Of(new float[15], 3, 5, new float[4]));
    }
}
