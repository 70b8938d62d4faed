using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>
/// Damaged copies of real images, [N, 1, 28, 28] in [−1, 1], for checking that the metrics rank image sets as a
/// person would: each method returns a new tensor the caller owns; the input is left alone.
/// </summary>
public static class ImageDamage
{
    /// <summary>Gaussian blur with standard deviation <paramref name="sigma"/> pixels; edges repeat the border.</summary>
    public static Tensor Blur(Tensor images, double sigma)
    {
        using var scope = NewDisposeScope();
        int radius = (int)Math.Ceiling(3 * sigma);
        var offsets = arange(-radius, radius + 1, dtype: ScalarType.Float32);
        var kernel = (-(offsets * offsets) / (2 * sigma * sigma)).exp();
        kernel /= kernel.sum();
        var padded = nn.functional.pad(images, [radius, radius, radius, radius], TorchSharp.PaddingModes.Replicate);
        var rows = nn.functional.conv2d(padded, kernel.view(1, 1, -1, 1));
        return nn.functional.conv2d(rows, kernel.view(1, 1, 1, -1)).clamp(-1, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Adds Gaussian noise of standard deviation <paramref name="std"/> (in [−1, 1] units) and clips.</summary>
    public static Tensor AddNoise(Tensor images, double std, int seed)
    {
        using var random = new Generator((ulong)seed);
        using var noise = randn(images.shape, generator: random);
        return (images + noise * std).clamp_(-1, 1);
    }

    /// <summary>Sets a <paramref name="share"/> of the pixels to black or white at random.</summary>
    public static Tensor SaltAndPepper(Tensor images, double share, int seed)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator((ulong)seed);
        var hit = rand(images.shape, generator: random) < share;
        var white = rand(images.shape, generator: random) < 0.5;
        var value = where(white, ones_like(images), -ones_like(images));
        return where(hit, value, images).MoveToOuterDisposeScope();
    }

    /// <summary><paramref name="count"/> images of independent uniform noise in [−1, 1].</summary>
    public static Tensor UniformNoise(long count, int seed)
    {
        using var random = new Generator((ulong)seed);
        return rand([count, 1, 28, 28], generator: random) * 2 - 1;
    }

    /// <summary>Shifts every image <paramref name="pixels"/> right and down, filling with black (−1).</summary>
    public static Tensor Shift(Tensor images, int pixels)
    {
        using var scope = NewDisposeScope();
        long height = images.shape[2], width = images.shape[3];
        var cropped = images.narrow(2, 0, height - pixels).narrow(3, 0, width - pixels);
        return nn.functional.pad(cropped, [pixels, 0, pixels, 0], TorchSharp.PaddingModes.Constant, -1).MoveToOuterDisposeScope();
    }

    /// <summary>Swaps black and white.</summary>
    public static Tensor Invert(Tensor images) => images.neg();

    /// <summary>The first <paramref name="count"/> images whose label is in <paramref name="classes"/>.</summary>
    public static Tensor OfClasses(Tensor images, Tensor labels, IReadOnlyCollection<long> classes, long count)
    {
        using var scope = NewDisposeScope();
        var keep = zeros(labels.shape, ScalarType.Bool);
        foreach (long c in classes) keep = keep.logical_or(labels.eq(c));
        var indices = keep.nonzero().squeeze(1);
        if (indices.shape[0] < count)
            throw new ArgumentException($"Only {indices.shape[0]} images have the classes asked for, not {count}.");
        return images.index_select(0, indices.narrow(0, 0, count)).MoveToOuterDisposeScope();
    }

    /// <summary><paramref name="count"/> copies of image <paramref name="index"/>.</summary>
    public static Tensor Repeated(Tensor images, long index, long count) =>
        images.narrow(0, index, 1).expand(count, -1, -1, -1).contiguous();
}
