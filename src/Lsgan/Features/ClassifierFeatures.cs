using static TorchSharp.torch;

namespace Lsgan.Features;

/// <summary>
/// Runs a trained <see cref="FeatureClassifier"/> over many images in batches and collects what the metrics
/// take: features [N, F] of <see cref="FeatureSpace"/> for FID, KID, precision/recall and density/coverage, and logits [N, K] for the
/// classifier score and (through argmax) class coverage.
/// </summary>
public static class ClassifierFeatures
{
    /// <summary>
    /// 64 images per forward pass keep each layer's activations (6.4 MB after the first convolution) in cache;
    /// on one core this ran 2.2× faster than 500 per pass, and 16 to 100 were all within a few percent.
    /// </summary>
    public const int DefaultBatchSize = 64;

    /// <summary>
    /// Returns float32 CPU features and logits for images [N, 1, 28, 28] in [−1, 1], computed in eval mode
    /// under inference mode through <see cref="FoldedFeatureClassifier"/> (batch norms folded into the
    /// convolutions). The caller owns (disposes) both tensors; they are ordinary tensors, not inference tensors.
    /// </summary>
    public static (Tensor Features, Tensor Logits) Extract(FeatureClassifier classifier, Tensor images, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(images);
        if (batchSize < 1)
        {
            throw new LsganException($"The feature extraction batch size must be at least 1, but it is {batchSize}.");
        }

        if (images.shape[0] == 0)
        {
            throw new LsganException("Feature extraction needs at least one image.");
        }

        classifier.eval();
        using var scope = NewDisposeScope();
        using var folded = FoldedFeatureClassifier.From(classifier);
        var features = new List<Tensor>();
        var logits = new List<Tensor>();
        using (inference_mode())
        {
            for (long start = 0; start < images.shape[0]; start += batchSize)
            {
                using var batchScope = NewDisposeScope();
                var length = Math.Min(batchSize, images.shape[0] - start);
                var batch = images.narrow(0, start, length).to_type(ScalarType.Float32);
                RequireImageShape(batch);
                var (batchFeatures, batchLogits) = folded.Forward(batch);
                features.Add(batchFeatures.MoveToOuterDisposeScope());
                logits.Add(batchLogits.MoveToOuterDisposeScope());
            }
        }

        // Outside inference mode cat makes ordinary tensors, which callers may use anywhere (in-place too).
        var allFeatures = cat(features, 0).MoveToOuterDisposeScope();
        var allLogits = cat(logits, 0).MoveToOuterDisposeScope();
        return (allFeatures, allLogits);
    }

    private static void RequireImageShape(Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != 28 || images.shape[3] != 28)
        {
            throw new LsganException(
                $"The feature classifier takes images of shape [batch, 1, 28, 28], but got [{string.Join(", ", images.shape)}].");
        }
    }
}
