using Lsgan.Metrics;

namespace Lsgan.Training;

/// <summary>A metric-evaluation.jsonl line written by --eval-every: where the run stood and what it scored.</summary>
public sealed record EvaluationRecord(long Step, int Epoch, EvaluationReport Evaluation);
