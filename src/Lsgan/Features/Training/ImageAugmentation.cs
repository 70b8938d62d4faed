using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Lsgan.Features.Training;

/// <summary>Light augmentation for 28 × 28 digit and clothing images during classifier training.</summary>
internal static class ImageAugmentation
{
    /// <summary>
    /// Shifts each image of a batch [B, 1, H, W] in [−1, 1] by its own random whole number of pixels in
    /// [−maxShift, maxShift] along each axis, filling uncovered pixels with the background −1: output pixel (i, j)
    /// of image b is input pixel (i + dy_b, j + dx_b), where (dx_b, dy_b) is row b of the drawn shifts.
    /// </summary>
    /// <remarks>
    /// Pure indexing (pad, then gather rows and columns), so every CPU computes the same bytes. This was
    /// grid_sample with nearest sampling, which gives the same images where its kernel is right, but libtorch picks
    /// that kernel by instruction set and its AVX-512 variant's masked gather is known to be wrong (PyTorch pull
    /// request 197635: zeros instead of pixels).
    /// </remarks>
    public static Tensor RandomShift(Tensor images, int maxShift, Generator generator)
    {
        using var scope = NewDisposeScope();
        var (batch, channels, height, width) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3]);
        // Drawn as before (float, one row (dx, dy) per image), so a seed gives the same shifts as it always has.
        var shifts = randint(-maxShift, maxShift + 1, [batch, 2], ScalarType.Float32, generator: generator)
            .to_type(ScalarType.Int64);
        var padded = pad(images, [maxShift, maxShift, maxShift, maxShift], value: -1);

        // Rows first: output row i of image b is padded row i + dy_b + maxShift (always inside the padding).
        var rows = (arange(height).view(1, 1, height, 1) + shifts[TensorIndex.Colon, 1].view(batch, 1, 1, 1) + maxShift)
            .expand(batch, channels, height, width + 2 * maxShift);
        var shiftedRows = padded.gather(2, rows);
        var columns = (arange(width).view(1, 1, 1, width) + shifts[TensorIndex.Colon, 0].view(batch, 1, 1, 1) + maxShift)
            .expand(batch, channels, height, width);
        return shiftedRows.gather(3, columns).MoveToOuterDisposeScope();
    }
}
