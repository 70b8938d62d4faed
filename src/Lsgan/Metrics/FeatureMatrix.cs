using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// Checks and converts the feature matrices that every metric takes: rows are samples, columns are
/// feature dimensions. Metrics compute in float64 because covariances and sums of many small kernel
/// values lose digits in float32, and FID differences between good models are small.
/// </summary>
internal static class FeatureMatrix
{
    /// <summary>
    /// Returns <paramref name="features"/> as a detached, contiguous float64 CPU matrix. The caller owns
    /// the result (it is a new tensor, or registered in the caller's dispose scope). <paramref name="name"/> is a
    /// plural noun phrase for messages, such as "real features".
    /// </summary>
    public static Tensor ToFloat64(Tensor features, string name, long minRows)
    {
        if (features.dim() != 2)
        {
            throw new LsganException(
                $"The {name} must be a matrix of shape [samples, dimensions], but their shape is [{string.Join(", ", features.shape)}].");
        }

        if (features.shape[0] < minRows)
        {
            throw new LsganException(
                $"The {name} have {features.shape[0]} samples, but this metric needs at least {minRows}.");
        }

        if (features.shape[1] < 1)
        {
            throw new LsganException($"The {name} have no dimensions.");
        }

        var converted = features.detach().cpu().to_type(ScalarType.Float64).contiguous();
        if (!torch.isfinite(converted).all().item<bool>())
        {
            throw new LsganException($"The {name} contain NaN or infinite values.");
        }

        return converted;
    }

    /// <summary>Throws unless both matrices have the same number of columns.</summary>
    public static void RequireSameDimension(Tensor real, Tensor generated)
    {
        if (real.shape[1] != generated.shape[1])
        {
            throw new LsganException(
                $"The real features have {real.shape[1]} dimensions but the generated features have {generated.shape[1]}; both must come from the same feature layer.");
        }
    }
}
