namespace Lsgan.Metrics;

/// <summary>
/// The classifier score averaged over <see cref="Splits"/> disjoint parts of the samples: between 1 (every
/// sample gets the same prediction) and K (confident predictions spread evenly over K classes).
/// <see cref="StandardDeviation"/> is the population standard deviation over the parts.
/// </summary>
public sealed record ClassifierScoreResult(double Mean, double StandardDeviation, int Splits);
