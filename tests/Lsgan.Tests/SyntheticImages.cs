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
}
