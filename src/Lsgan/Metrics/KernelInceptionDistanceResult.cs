namespace Lsgan.Metrics;

/// <summary>
/// Kernel distance averaged over random subsets: <see cref="Mean"/> is the estimate to report (it can be
/// slightly negative when the sets match, because the estimator is unbiased), <see cref="StandardDeviation"/>
/// the population standard deviation over the <see cref="Subsets"/> subsets of <see cref="SubsetSize"/> samples.
/// </summary>
public sealed record KernelInceptionDistanceResult(double Mean, double StandardDeviation, int Subsets, int SubsetSize);
