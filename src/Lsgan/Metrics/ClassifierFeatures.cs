using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// Runs a trained <see cref="FeatureClassifier"/> over many images in batches and collects what the metrics
/// take: features [N, D] for FID, KID, precision/recall and density/coverage, and logits [N, K] for the
/// classifier score and (through argmax) class coverage.
/// </summary>
public static class ClassifierFeatures
{
    /// <summary>500 images per forward pass keeps activations under ~30 MB while amortising call overhead.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>
    /// Returns float32 CPU features and logits for images [N, 1, 28, 28] in [−1, 1], computed in eval mode
    /// without gradients. The caller owns (disposes) both tensors.
    /// </summary>
    public static (Tensor Features, Tensor Logits) Extract(FeatureClassifier classifier, Tensor images, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(images);
        if (batchSize < 1)
        {
            throw new LsganException($"The feature extraction batch size must be at least 1, but it is {batchSize}.");
        }

        classifier.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var features = new List<Tensor>();
        var logits = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            var length = Math.Min(batchSize, images.shape[0] - start);
            var (batchFeatures, batchLogits) = classifier.ForwardWithFeatures(images.narrow(0, start, length).to_type(ScalarType.Float32));
            features.Add(batchFeatures);
            logits.Add(batchLogits);
        }

        if (features.Count == 0)
        {
            throw new LsganException("Feature extraction needs at least one image.");
        }

        var allFeatures = cat(features, 0).MoveToOuterDisposeScope();
        var allLogits = cat(logits, 0).MoveToOuterDisposeScope();
        return (allFeatures, allLogits);
    }
}
