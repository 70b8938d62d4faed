namespace Lsgan.Training;

/// <summary>Where a run stands: what a checkpoint needs besides weights and optimizer moments.</summary>
/// <param name="Step">G updates done so far.</param>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="StepInEpoch">G updates done in the epoch under way.</param>
/// <param name="ElapsedSeconds">Training time so far, summed over resumed sessions.</param>
/// <param name="NoiseState">The noise generator's state (libtorch's byte tensor).</param>
/// <param name="BestFid">Lowest FID seen by --eval-every so far (its checkpoint is checkpoints/best).</param>
/// <param name="DataSha256">SHA-256 of the training images as 8-bit pixels (see <see cref="TrainingSession"/>), so a
/// resume on changed data is refused; null in checkpoints written before it was recorded.</param>
public sealed record TrainingState(long Step, int Epoch, int StepInEpoch, double ElapsedSeconds, byte[] NoiseState, double? BestFid = null,
    string? DataSha256 = null);
