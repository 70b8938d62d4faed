using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Lsgan.Features.Training;

/// <summary>Light augmentation for 28 × 28 digit and clothing images during classifier training.</summary>
internal static class ImageAugmentation
{
    /// <summary>
    /// Shifts each image of a batch [B, 1, H, W] in [−1, 1] by its own random whole number of pixels in
    /// [−maxShift, maxShift] along each axis, filling uncovered pixels with the background −1. Whole-pixel
    /// shifts with nearest sampling move pixels without blurring them.
    /// </summary>
    public static Tensor RandomShift(Tensor images, int maxShift, Generator generator)
    {
        using var scope = NewDisposeScope();
        var (batch, height, width) = (images.shape[0], images.shape[2], images.shape[3]);
        var shifts = randint(-maxShift, maxShift + 1, [batch, 2], ScalarType.Float32, generator: generator);

        // With align_corners = false one pixel is 2 / size in grid_sample's [−1, 1] coordinates.
        var theta = zeros(batch, 2, 3);
        theta[TensorIndex.Colon, 0, 0] = tensor(1f);
        theta[TensorIndex.Colon, 1, 1] = tensor(1f);
        theta[TensorIndex.Colon, 0, 2] = shifts[TensorIndex.Colon, 0] * (2f / width);
        theta[TensorIndex.Colon, 1, 2] = shifts[TensorIndex.Colon, 1] * (2f / height);
        var grid = affine_grid(theta, [batch, 1, height, width], align_corners: false);

        // grid_sample pads with 0; shifting to [0, 2] first makes that padding the background −1 afterwards.
        var shifted = grid_sample(images + 1, grid, GridSampleMode.Nearest, GridSamplePaddingMode.Zeros, align_corners: false) - 1;
        return shifted.MoveToOuterDisposeScope();
    }
}
