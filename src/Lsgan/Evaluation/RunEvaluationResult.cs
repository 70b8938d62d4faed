using Lsgan.Metrics;

namespace Lsgan.Evaluation;

/// <summary>What <see cref="RunEvaluation"/> measured and where it wrote it.</summary>
/// <param name="Report">The run's generated images against the test set.</param>
/// <param name="Floor">Training images against the test set: the best a generator can hope for with these counts.</param>
/// <param name="Step">The G updates the evaluated checkpoint had trained.</param>
/// <param name="Path">The evaluation.json written.</param>
public sealed record RunEvaluationResult(EvaluationReport Report, EvaluationReport Floor, long Step, string Path)
{
    /// <summary>For a conditional run, how often the classifier reads a sample as the class it was drawn for; else null.</summary>
    public ConditionalAccuracyResult? ConditionalAccuracy { get; init; }
}
