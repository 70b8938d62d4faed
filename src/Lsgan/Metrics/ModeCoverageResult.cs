namespace Lsgan.Metrics;

/// <summary>What <see cref="ModeCoverage.Measure"/> found.</summary>
/// <param name="ModesCovered">Modes with at least the minimum number of high-quality samples.</param>
/// <param name="ModeCount">K.</param>
/// <param name="HighQualityFraction">Share of all samples that are high quality.</param>
/// <param name="KlFromUniform">KL divergence of the nearest-mode histogram from the uniform one, in nats.</param>
public sealed record ModeCoverageResult(int ModesCovered, int ModeCount, double HighQualityFraction, double KlFromUniform);
