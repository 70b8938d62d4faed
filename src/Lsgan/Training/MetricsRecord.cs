namespace Lsgan.Training;

/// <summary>One line of metrics.jsonl: losses and D's mean outputs averaged since the previous line.</summary>
/// <param name="Step">G updates done.</param>
/// <param name="Epoch">The epoch under way, counting from 1.</param>
/// <param name="DLoss">D's loss.</param>
/// <param name="GLoss">G's loss.</param>
/// <param name="DReal">Mean of D(x) on real batches.</param>
/// <param name="DFake">Mean of D(G(z)) on generated batches, before D's update.</param>
/// <param name="Seconds">Training time so far.</param>
/// <param name="ImagesPerSecond">Real images consumed per second since the previous line.</param>
public sealed record MetricsRecord(
    long Step, int Epoch, double DLoss, double GLoss, double DReal, double DFake, double Seconds, double ImagesPerSecond);
