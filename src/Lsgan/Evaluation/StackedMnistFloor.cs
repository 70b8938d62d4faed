namespace Lsgan.Evaluation;

/// <summary>
/// Real stacked images scored as generated ones are: the best a generator can hope for with the same count, and
/// how well the classifier reads each channel (real images carry their true digits).
/// </summary>
/// <param name="Report">Modes and KL of the real images as the classifier reads them.</param>
/// <param name="ChannelAccuracy">Share of images whose R, G and B digits the classifier reads right.</param>
/// <param name="TripleAccuracy">Share of images whose whole triple (mode) it reads right.</param>
public sealed record StackedMnistFloor(StackedMnistReport Report, double[] ChannelAccuracy, double TripleAccuracy);
