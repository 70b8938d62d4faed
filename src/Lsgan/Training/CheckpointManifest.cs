namespace Lsgan.Training;

/// <summary>
/// state.json of a checkpoint: the full config (so the models can be rebuilt), the run's state and the SHA-256
/// of each of its .bin files, checked before they are loaded (null in checkpoints written before checksums).
/// </summary>
public sealed record CheckpointManifest(int Format, TrainConfig Config, TrainingState State, IReadOnlyDictionary<string, string>? Sha256 = null)
{
    public const int CurrentFormat = 1;
}
