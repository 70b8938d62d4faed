namespace Lsgan.Training;

/// <summary>state.json of a checkpoint: the full config (so the models can be rebuilt) and the run's state.</summary>
public sealed record CheckpointManifest(int Format, TrainConfig Config, TrainingState State)
{
    public const int CurrentFormat = 1;
}
