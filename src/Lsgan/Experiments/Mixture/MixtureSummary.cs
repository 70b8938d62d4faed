namespace Lsgan.Experiments.Mixture;

/// <summary>
/// One loss's mixture runs over seeds, at their last evaluation: mean ± std of modes covered and of the
/// high-quality fraction (3σ), the same for modes near and the near fraction (a quarter of the smallest distance
/// between centres), each run's counts, and how many runs collapsed (ended with points near at most
/// <see cref="CollapsedAtMost"/> mode) or diverged (a loss turned NaN or infinite).
/// </summary>
public sealed record MixtureSummary(
    string Loss,
    int Runs,
    double ModesCoveredMean,
    double ModesCoveredStd,
    int ModeCount,
    double HighQualityFractionMean,
    double HighQualityFractionStd,
    double ModesNearMean,
    double ModesNearStd,
    double NearFractionMean,
    double NearFractionStd,
    IReadOnlyList<int> ModesCoveredPerRun,
    IReadOnlyList<int> ModesNearPerRun,
    int Collapsed,
    int Diverged)
{
    /// <summary>
    /// A run that ends with at least the per-mode threshold of near points on this many modes or fewer has
    /// collapsed. Counted on the near rule, not the 3σ one: a run whose points spread over every mode's place but
    /// wider than 3σ covers no mode at 3σ without having collapsed.
    /// </summary>
    public const int CollapsedAtMost = 1;

    /// <summary>Summarises the runs of one loss from each run's evaluations (the last one counts).</summary>
    public static MixtureSummary Of(string loss, IReadOnlyList<IReadOnlyList<MixtureRecord>> runs)
    {
        if (runs.Count == 0 || runs.Any(r => r.Count == 0)) throw new LsganException("Every summarised mixture run needs an evaluation.");
        var last = runs.Select(r => r[^1]).ToList();
        var modes = last.Select(r => (double)r.ModesCovered).ToList();
        var quality = last.Select(r => r.HighQualityFraction).ToList();
        var modesNear = last.Select(r => (double)r.ModesNear).ToList();
        var near = last.Select(r => r.NearFraction).ToList();
        return new MixtureSummary(loss, runs.Count, modes.Average(), Std(modes), last[0].ModeCount,
            quality.Average(), Std(quality), modesNear.Average(), Std(modesNear), near.Average(), Std(near),
            [.. last.Select(r => r.ModesCovered)], [.. last.Select(r => r.ModesNear)],
            Collapsed: last.Count(r => r.ModesNear <= CollapsedAtMost),
            Diverged: last.Count(r => !double.IsFinite(r.DLoss) || !double.IsFinite(r.GLoss)));
    }

    /// <summary>One line: the means ± stds and the counts.</summary>
    public string Describe() =>
        $"{Loss}: {Runs} runs, modes covered (3σ) {ModesCoveredMean:F2} ± {ModesCoveredStd:F2} of {ModeCount}, "
        + $"high quality {HighQualityFractionMean:P1} ± {HighQualityFractionStd:P1}, modes near {ModesNearMean:F2} ± {ModesNearStd:F2}, "
        + $"near {NearFractionMean:P1} ± {NearFractionStd:P1}, collapsed {Collapsed}, diverged {Diverged}";

    // The sample standard deviation (n − 1), 0 for a single run.
    private static double Std(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
