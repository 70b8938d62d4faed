namespace Lsgan.Metrics;

/// <summary>The share of samples the classifier reads as the class they were generated for: over all, and per class.</summary>
public sealed record ConditionalAccuracyResult(double Overall, double[] PerClass);
