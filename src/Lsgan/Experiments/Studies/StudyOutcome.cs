namespace Lsgan.Experiments.Studies;

/// <summary>
/// How a study's run ended (outcome.json in its run directory): "completed", "step-limit", "collapsed" (stopped by
/// --stop-on-collapse) or "diverged" (a NaN stop). A run with one is finished, and a rerun of the study skips it.
/// </summary>
public sealed record StudyOutcome(string Outcome, string? Message = null)
{
    public const string FileName = "outcome.json";
    public const string Diverged = "diverged";
}
