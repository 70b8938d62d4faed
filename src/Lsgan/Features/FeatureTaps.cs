using static TorchSharp.torch;

namespace Lsgan.Features;

/// <summary>
/// The activations of one forward pass of the feature classifier that feature spaces are built from.
/// </summary>
/// <param name="Blocks">Each convolution block's output after its ReLU, [B, C, H, W], input side first.</param>
/// <param name="PreActivation">The feature layer before its ReLU, [B, D].</param>
/// <param name="Features">The feature layer after its ReLU, [B, D].</param>
/// <param name="Logits">The class logits, [B, K].</param>
internal sealed record FeatureTaps(IReadOnlyList<Tensor> Blocks, Tensor PreActivation, Tensor Features, Tensor Logits);
