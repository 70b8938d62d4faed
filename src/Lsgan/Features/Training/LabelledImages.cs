using static TorchSharp.torch;

namespace Lsgan.Features.Training;

/// <summary>Checks image/label tensor pairs before classifier training or evaluation.</summary>
internal static class LabelledImages
{
    // Images are expected in [−1, 1], the generator's tanh range; a little slack absorbs rounding.
    private const double RangeSlack = 1e-3;

    /// <summary>Throws a clear <see cref="LsganException"/> unless images are [N, 1, 28, 28] floats in [−1, 1] with N integer labels in [0, K).</summary>
    public static void Check(Tensor images, Tensor labels, int classCount, string name)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != 28 || images.shape[3] != 28 || images.shape[0] < 1)
        {
            throw new LsganException($"The {name} images must have shape [N, 1, 28, 28] with N ≥ 1, but have shape [{string.Join(", ", images.shape)}].");
        }

        if (images.dtype is not (ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16))
        {
            throw new LsganException($"The {name} images must be floating point in [−1, 1], but their type is {images.dtype}.");
        }

        if (labels.dim() != 1 || labels.shape[0] != images.shape[0])
        {
            throw new LsganException($"The {name} labels must be a vector with one label per image ({images.shape[0]}), but have shape [{string.Join(", ", labels.shape)}].");
        }

        if (labels.dtype is not (ScalarType.Byte or ScalarType.Int8 or ScalarType.Int16 or ScalarType.Int32 or ScalarType.Int64))
        {
            throw new LsganException($"The {name} labels must be integer class indices, but their type is {labels.dtype}.");
        }

        using var scope = NewDisposeScope();
        var (lowest, highest) = (images.min().to_type(ScalarType.Float64).item<double>(), images.max().to_type(ScalarType.Float64).item<double>());
        if (lowest < -1 - RangeSlack || highest > 1 + RangeSlack || double.IsNaN(lowest) || double.IsNaN(highest))
        {
            throw new LsganException($"The {name} images must lie in [−1, 1], but range from {lowest} to {highest}.");
        }

        // item<T> needs T to match the dtype exactly, so convert before reading.
        var (lowestLabel, highestLabel) = (labels.min().to_type(ScalarType.Int64).item<long>(), labels.max().to_type(ScalarType.Int64).item<long>());
        if (lowestLabel < 0 || highestLabel >= classCount)
        {
            throw new LsganException($"The {name} labels range from {lowestLabel} to {highestLabel}, outside the {classCount} classes 0…{classCount - 1}.");
        }
    }
}
