using Lsgan.Training;

namespace Lsgan.Experiments.Studies;

/// <summary>One run of a study: a setting at a seed, as the experiment it trains.</summary>
public sealed record StudyRun(string Setting, long Seed, TrainConfig Config)
{
    /// <summary>Its run directory's name inside the study directory.</summary>
    public string DirectoryName => RunName(Setting, Seed);

    public static string RunName(string setting, long seed) => $"{setting}-seed{seed}";
}
