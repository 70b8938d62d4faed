namespace Lsgan.Experiments.Mixture;

/// <summary>One evaluation of a mixture run: a line of its mixture.jsonl.</summary>
/// <param name="Step">G updates so far.</param>
/// <param name="DLoss">D's loss at this step.</param>
/// <param name="GLoss">G's loss at this step.</param>
/// <param name="ModesCovered">Modes with at least the threshold of high-quality points.</param>
/// <param name="ModeCount">Modes of the mixture.</param>
/// <param name="HighQualityFraction">Share of the generated points within 3σ of their nearest centre.</param>
/// <param name="KlFromUniform">KL divergence of the nearest-mode histogram from uniform, in nats.</param>
/// <param name="ModesNear">Modes with at least the threshold of near points (within a quarter of the smallest distance between two centres).</param>
/// <param name="NearFraction">Share of the generated points near their nearest centre.</param>
/// <param name="Seconds">Wall time since the start of training.</param>
public sealed record MixtureRecord(
    int Step,
    double DLoss,
    double GLoss,
    int ModesCovered,
    int ModeCount,
    double HighQualityFraction,
    double KlFromUniform,
    int ModesNear,
    double NearFraction,
    double Seconds);
