namespace Lsgan.Metrics;

/// <summary>
/// How generated samples spread over the classifier's classes: <see cref="Histogram"/> counts per class,
/// <see cref="ClassesCovered"/> the number of classes holding at least the threshold share of samples, and
/// <see cref="KlFromUniform"/> = KL(p ‖ uniform) in nats, 0 for a perfectly balanced generator and log K
/// when every sample falls in one class (mode collapse).
/// </summary>
public sealed record ClassCoverageResult(long[] Histogram, int ClassesCovered, double KlFromUniform);
