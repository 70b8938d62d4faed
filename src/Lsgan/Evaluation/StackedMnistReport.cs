namespace Lsgan.Evaluation;

/// <summary>How many of Stacked MNIST's 1,000 modes a set of images covers, as read by the MNIST classifier.</summary>
/// <param name="ModesCovered">Modes (digit triples) read in at least one image, as VEEGAN and PacGAN count them.</param>
/// <param name="ModeCount">1,000.</param>
/// <param name="Kl">KL divergence of the mode histogram from the uniform one, in nats: 0 for an even spread, ln 1000 ≈ 6.91 for one mode.</param>
/// <param name="Samples">Images scored.</param>
public sealed record StackedMnistReport(int ModesCovered, int ModeCount, double Kl, long Samples);
