namespace Lsgan.Evaluation;

/// <summary>What <see cref="StackedMnistRunEvaluation"/> measured and where it wrote it.</summary>
/// <param name="Report">The run's generated images.</param>
/// <param name="Floor">Real stacked images scored the same way.</param>
/// <param name="Step">The G updates the evaluated checkpoint had trained.</param>
/// <param name="Path">The evaluation.json written.</param>
public sealed record StackedMnistRunResult(StackedMnistReport Report, StackedMnistFloor Floor, long Step, string Path);
