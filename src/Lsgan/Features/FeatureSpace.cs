using static TorchSharp.torch;

namespace Lsgan.Features;

/// <summary>
/// The feature space of FID, KID, precision/recall and density/coverage on the shipped classifier (issue 10):
/// each convolution block's output averaged over the image (what its filters see, whatever the class) and the
/// feature layer, each scaled to unit length per image, then concatenated. The feature layer alone maps
/// anything, uniform noise included, near some class cluster (noise scored precision 0.997, above real images'
/// 0.87); the block averages keep the image statistics that tell a garment from noise, and the unit scaling
/// keeps one block's magnitude from outweighing the others. docs/feature-candidates-fashion-mnist.md holds the
/// measurements behind the choice.
/// </summary>
public static class FeatureSpace
{
    /// <summary>Names this construction in cache keys: change it whenever the features change, so stale caches are recomputed.</summary>
    public const string Name = "block-means-unit-v1";

    /// <summary>The width of the features for a classifier of <paramref name="config"/>'s shape.</summary>
    public static int Dimension(FeatureClassifierConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return 6 * config.Width + config.FeatureDimension;
    }

    /// <summary>Builds the features [B, <see cref="Dimension"/>] from one forward pass's activations; the caller owns them.</summary>
    internal static Tensor Combine(IReadOnlyList<Tensor> blocks, Tensor featureLayer)
    {
        using var scope = NewDisposeScope();
        var parts = blocks.Select(block => Unit(block.mean([2, 3]))).Append(Unit(featureLayer)).ToList();
        return cat(parts, 1).MoveToOuterDisposeScope();
    }

    // An all-zero part (a dead block) stays zero rather than dividing by zero.
    private static Tensor Unit(Tensor x) => x / x.norm(1, true).clamp_min(1e-12);
}
