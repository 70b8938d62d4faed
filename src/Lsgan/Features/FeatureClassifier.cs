using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Lsgan.Features;

/// <summary>
/// A small CNN for 1 × 28 × 28 images in [−1, 1] (MNIST, Fashion-MNIST) whose block averages and penultimate
/// layer provide the features for FID, KID, precision/recall and density/coverage (<see cref="FeatureSpace"/>),
/// and whose logits provide the class
/// coverage and classifier score. It plays the role Inception-v3 plays for larger images (Heusel et al.
/// 2017). A metric is only as good as its feature space, so the network is meant to be trained to ≥ 99 %
/// test accuracy on MNIST and ≥ 91 % on Fashion-MNIST.
/// </summary>
public sealed class FeatureClassifier : Module<Tensor, Tensor>
{
    // Field names are the checkpoint keys; renaming one breaks every saved weights file.
    private readonly Sequential features;
    private readonly Dropout dropout;
    private readonly Linear classifier;

    /// <summary>Builds an untrained classifier; the current torch seed decides its initial weights.</summary>
    public FeatureClassifier(FeatureClassifierConfig config) : base(nameof(FeatureClassifier))
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = config.Validate();
        if (errors.Count > 0)
        {
            throw new LsganException(string.Join(" ", errors));
        }

        Config = config;
        var (w, d) = (config.Width, config.FeatureDimension);
        // Only one convolution runs at full resolution: on a 2-core CPU the 28 × 28 layers (conv, batch
        // norm, pooling over 32 channels) dominated the step time, and pooling first halved an epoch.
        features = Sequential(
            ConvBlock(1, w),           // w × 28 × 28
            MaxPool2d(2),              // w × 14 × 14
            ConvBlock(w, w),           // w × 14 × 14
            ConvBlock(w, 2 * w),       // 2w × 14 × 14
            MaxPool2d(2),              // 2w × 7 × 7
            ConvBlock(2 * w, 2 * w),   // 2w × 7 × 7
            Flatten(),                 // 98w
            Linear(2 * w * 7 * 7, d),  // d
            ReLU());                   // d: the feature layer

        // Dropout only regularises the last layer in training; eval-mode features are unaffected by it.
        dropout = Dropout(0.3);
        classifier = Linear(d, config.ClassCount); // K logits
        RegisterComponents();
    }

    /// <summary>The shape this network was built with.</summary>
    public FeatureClassifierConfig Config { get; }

    /// <summary>The layers up to the feature layer, for <see cref="FoldedFeatureClassifier"/>.</summary>
    internal Sequential FeatureLayers => features;

    /// <summary>The logit layer (dropout before it is the identity in eval mode), for <see cref="FoldedFeatureClassifier"/>.</summary>
    internal Linear LogitLayer => classifier;

    /// <summary>Returns the logits [B, K] for images [B, 1, 28, 28].</summary>
    public override Tensor forward(Tensor images) => ForwardWithFeatures(images).Logits;

    /// <summary>
    /// Returns the features of <see cref="FeatureSpace"/> [B, F] (block averages and the feature layer, each of
    /// unit length) and the logits [B, K] for images [B, 1, 28, 28].
    /// </summary>
    public (Tensor Features, Tensor Logits) ForwardWithFeatures(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != 28 || images.shape[3] != 28)
        {
            throw new LsganException(
                $"The feature classifier takes images of shape [batch, 1, 28, 28], but got [{string.Join(", ", images.shape)}].");
        }

        // Each convolution block's output, after the pooling that follows it (as the folded form computes it).
        var blocks = new List<Tensor>();
        var x = images;
        foreach (var layer in features.children().Cast<Module<Tensor, Tensor>>())
        {
            x = layer.forward(x);
            if (layer is Sequential)
            {
                blocks.Add(x);
            }
            else if (layer is MaxPool2d)
            {
                blocks[^1] = x;
            }
        }

        return (FeatureSpace.Combine(blocks, x), classifier.forward(dropout.forward(x)));
    }

    // Batch norm makes a few epochs enough at a high learning rate; it carries the bias, so the conv has none.
    private static Sequential ConvBlock(int inputChannels, int outputChannels) => Sequential(
        Conv2d(inputChannels, outputChannels, 3, padding: 1, bias: false),
        BatchNorm2d(outputChannels),
        ReLU());
}
