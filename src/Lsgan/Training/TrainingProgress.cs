namespace Lsgan.Training;

/// <summary>What a running training reports after each step; losses are those of the last logged line.</summary>
public sealed record TrainingProgress(
    long Step,
    long TotalSteps,
    int Epoch,
    int Epochs,
    int StepInEpoch,
    int StepsPerEpoch,
    MetricsRecord? Latest,
    string? Message = null);
