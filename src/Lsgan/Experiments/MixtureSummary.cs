namespace Lsgan.Experiments;

/// <summary>
/// One loss's mixture runs over seeds, at their last evaluation: mean ± std of modes covered and of the
/// high-quality fraction, and how many runs collapsed (ended covering at most <see cref="CollapsedAtMost"/> mode)
/// or diverged (a loss turned NaN or infinite).
/// </summary>
public sealed record MixtureSummary(
    string Loss,
    int Runs,
    double ModesCoveredMean,
    double ModesCoveredStd,
    int ModeCount,
    double HighQualityFractionMean,
    double HighQualityFractionStd,
    int Collapsed,
    int Diverged)
{
    /// <summary>A run that ends covering this many modes or fewer has collapsed.</summary>
    public const int CollapsedAtMost = 1;

    /// <summary>Summarises the runs of one loss from each run's evaluations (the last one counts).</summary>
    public static MixtureSummary Of(string loss, IReadOnlyList<IReadOnlyList<MixtureRecord>> runs)
    {
        if (runs.Count == 0 || runs.Any(r => r.Count == 0)) throw new LsganException("Every summarised mixture run needs an evaluation.");
        var last = runs.Select(r => r[^1]).ToList();
        var modes = last.Select(r => (double)r.ModesCovered).ToList();
        var quality = last.Select(r => r.HighQualityFraction).ToList();
        return new MixtureSummary(loss, runs.Count, modes.Average(), Std(modes), last[0].ModeCount,
            quality.Average(), Std(quality),
            Collapsed: last.Count(r => r.ModesCovered <= CollapsedAtMost),
            Diverged: last.Count(r => !double.IsFinite(r.DLoss) || !double.IsFinite(r.GLoss)));
    }

    // The sample standard deviation (n − 1), 0 for a single run.
    private static double Std(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
