namespace Lsgan.Experiments.Studies;

/// <summary>
/// Two settings of a study that differ on one axis, compared seed by seed: the differences (value − baseline) of a
/// metric, their mean and its 95 % t interval (null bounds with one seed).
/// </summary>
public sealed record StudyComparison(string Name, string Axis, string Metric, IReadOnlyList<long> Seeds, IReadOnlyList<double> Differences,
    double Mean, double? Low, double? High)
{
    /// <summary>The interval excludes zero: the difference is bigger than the seeds' noise.</summary>
    public bool BeyondSeedNoise => Low is { } low && High is { } high && (low > 0 || high < 0);
}
