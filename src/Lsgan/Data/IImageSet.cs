using static TorchSharp.torch;

namespace Lsgan.Data;

/// <summary>
/// Training images held whole in memory, with their labels when the dataset has them: what every loader
/// (<see cref="ImageDataset"/>, <see cref="ImageFolder"/>, <see cref="LmdbImages"/>, the hanzi renderer)
/// gives a trainer. Disposing it frees the tensors.
/// </summary>
public interface IImageSet : IDisposable
{
    /// <summary>All images, float32 [N, C, H, W] in [-1, 1].</summary>
    Tensor Images { get; }

    /// <summary>The number of images.</summary>
    int Count { get; }

    /// <summary>True when every image has a class label.</summary>
    bool HasLabels { get; }

    /// <summary>
    /// All labels, int64 [N], each below <see cref="ClassNames"/>.Count; an <see cref="LsganException"/> saying
    /// how to get labels when <see cref="HasLabels"/> is false.
    /// </summary>
    Tensor Labels { get; }

    /// <summary>Label names in label order; empty when the set has no labels.</summary>
    IReadOnlyList<string> ClassNames { get; }
}
