using Lsgan.IO;
using Lsgan.Metrics;
using Lsgan.Training;

namespace Lsgan.Experiments.Studies;

/// <summary>What one finished run of a study scored: its last evaluation and the one with the lowest FID.</summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="Diverged">A NaN stop ended it (its metrics then stay out of the means).</param>
/// <param name="Collapsed">Its last evaluation shows it collapsed (<see cref="CollapseRule"/>).</param>
/// <param name="Final">Its last evaluation; null when it had none.</param>
/// <param name="Best">Its evaluation with the lowest FID (that of checkpoints/best); null when it had none.</param>
/// <param name="Evaluations">Every evaluation, in step order.</param>
public sealed record StudyRunResult(long Seed, bool Diverged, bool Collapsed, EvaluationReport? Final, EvaluationReport? Best,
    IReadOnlyList<EvaluationRecord> Evaluations)
{
    /// <summary>The result of the finished run in <paramref name="path"/>; null when it is absent or unfinished (no outcome.json).</summary>
    public static StudyRunResult? Read(string path, long seed)
    {
        string outcomeFile = Path.Combine(path, StudyOutcome.FileName);
        if (!File.Exists(outcomeFile)) return null;
        var outcome = Json.ReadFile<StudyOutcome>(outcomeFile, "run outcome");
        bool diverged = outcome.Outcome == StudyOutcome.Diverged;
        if (diverged && !Checkpoint.Exists(path)) return new StudyRunResult(seed, true, false, null, null, []);
        using var run = RunDirectory.Open(path);
        var evaluations = run.ReadEvaluations();
        var final = evaluations.Count > 0 ? evaluations[^1].Evaluation : null;
        var best = evaluations.Count > 0 ? evaluations.MinBy(e => e.Evaluation.Fid)!.Evaluation : null;
        return new StudyRunResult(seed, diverged, CollapseRule.EndedCollapsed(evaluations), final, best, evaluations);
    }
}
