using Lsgan.Metrics;

namespace Lsgan.Training;

/// <summary>A metric-evaluation.jsonl line written by --eval-every: where the run stood and what it scored.</summary>
/// <param name="Step">G updates done.</param>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Evaluation">The metrics.</param>
/// <param name="Collapse">Why the run counts as collapsed at this evaluation (<see cref="CollapseRule"/>), null when it does not.</param>
public sealed record EvaluationRecord(long Step, int Epoch, EvaluationReport Evaluation, string? Collapse = null)
{
    /// <summary>A conditional run's conditional accuracy, where the evaluator's classifier knows its classes; else null.</summary>
    public ConditionalAccuracyResult? ConditionalAccuracy { get; init; }
}
