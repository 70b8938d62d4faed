namespace Lsgan.Metrics;

/// <summary>
/// Improved precision and recall (Kynkäänniemi et al. 2019): <see cref="Precision"/> is the fraction of
/// generated samples that look real (fidelity), <see cref="Recall"/> the fraction of real samples the
/// generator can produce (diversity). Both lie in [0, 1].
/// </summary>
public sealed record PrecisionRecallResult(double Precision, double Recall);
