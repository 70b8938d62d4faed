namespace Lsgan.Metrics;

/// <summary>
/// Density and coverage (Naeem et al. 2020). <see cref="Density"/> is about 1 when generated samples are
/// distributed like real ones, above 1 when they crowd into dense real regions, and unbounded above;
/// <see cref="Coverage"/> in [0, 1] is the fraction of real samples with a generated sample nearby.
/// </summary>
public sealed record DensityCoverageResult(double Density, double Coverage);
