using static TorchSharp.torch;

namespace Lsgan.Tests;

/// <summary>Small image sets made in the test: bright 8×8 squares on a dark 28×28 field.</summary>
public static class SyntheticImages
{
    public static Tensor Squares(int count, long seed = 0)
    {
        var random = new Random((int)seed);
        var images = full(new long[] { count, 1, 28, 28 }, -1f);
        for (int n = 0; n < count; n++)
        {
            int top = random.Next(0, 20), left = random.Next(0, 20);
            images[n, 0, TensorIndex.Slice(top, top + 8), TensorIndex.Slice(left, left + 8)] = tensor(1f);
        }
        return images;
    }

    /// <summary>
    /// A labelled, separable stand-in for MNIST: class c is a bright 8 × 8 square in quadrant c of a dark 28 × 28
    /// image, with Gaussian noise, so a working classifier must reach near-perfect accuracy within an epoch or two.
    /// </summary>
    public static (Tensor Images, Tensor Labels) Quadrants(int count, int seed)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)seed);
        var labels = randint(0, 4, [count], ScalarType.Int64, generator: generator);
        var images = full(count, 1, 28, 28, -1f);
        var labelValues = labels.data<long>().ToArray();
        for (var i = 0; i < count; i++)
        {
            var (row, column) = (3 + 14 * (int)(labelValues[i] / 2), 3 + 14 * (int)(labelValues[i] % 2));
            images[i, 0, TensorIndex.Slice(row, row + 8), TensorIndex.Slice(column, column + 8)] = tensor(1f);
        }

        var noisy = (images + 0.3f * randn([count, 1, 28, 28], generator: generator)).clamp(-1, 1);
        return (noisy.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
