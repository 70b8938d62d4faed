using Lsgan.Metrics;

namespace Lsgan.Training;

/// <summary>
/// When a run counts as collapsed, from what an evaluation measures: its samples cover at most 3 of 10 classes
/// (<see cref="MaxClassShare"/> of the classes: a generator stuck on a few modes), or its FID has risen to at least
/// <see cref="FidRise"/> times the lowest FID of the run's earlier evaluations (the samples fell apart after being
/// good). Used live by --eval-every (--stop-on-collapse) and by study summaries, so both count the same runs.
/// </summary>
public static class CollapseRule
{
    /// <summary>Collapsed at or below this share of the classes covered: 3 of Fashion-MNIST's 10.</summary>
    public const double MaxClassShare = 0.3;

    /// <summary>Collapsed when FID reaches this multiple of the best FID before it.</summary>
    public const double FidRise = 2.0;

    /// <summary>The rule in one line, for --help and messages.</summary>
    public const string Description = "classes covered ≤ 3 of 10, or FID ≥ 2 × the run's best earlier FID";

    /// <summary>Why <paramref name="report"/> shows a collapsed run, or null when it does not.</summary>
    /// <param name="report">The evaluation.</param>
    /// <param name="bestFidBefore">The lowest FID of the run's earlier evaluations (null at the first).</param>
    public static string? Check(EvaluationReport report, double? bestFidBefore)
    {
        int classes = report.ClassHistogram.Length;
        int maxCovered = (int)Math.Floor(classes * MaxClassShare + 1e-9);
        if (classes > 0 && report.ClassesCovered <= maxCovered)
            return $"classes covered {report.ClassesCovered} ≤ {maxCovered} of {classes}";
        if (bestFidBefore is { } best && report.Fid >= FidRise * best)
            return $"FID {report.Fid:G4} ≥ {FidRise:G2} × the best earlier FID {best:G4}";
        return null;
    }

    /// <summary>Whether the last of a run's <paramref name="evaluations"/> (in step order) shows it collapsed.</summary>
    public static bool EndedCollapsed(IReadOnlyList<EvaluationRecord> evaluations)
    {
        if (evaluations.Count == 0) return false;
        double? best = evaluations.Count > 1 ? evaluations.Take(evaluations.Count - 1).Min(e => e.Evaluation.Fid) : null;
        return Check(evaluations[^1].Evaluation, best) is not null;
    }
}
