namespace Lsgan.Evaluation;

/// <summary>What <see cref="RunEvaluation"/> compares; the sample counts are checked where they are used.</summary>
public sealed record RunEvaluationOptions
{
    /// <summary>Generated images, and training images for the floor: 10,000, the size of the test set they are compared with.</summary>
    public int Count { get; init; } = 10_000;

    /// <summary>Seeds z, the floor's training subset and KID's subsets.</summary>
    public int Seed { get; init; }

    /// <summary>A feature classifier's weights file; null for the one shipped for the run's dataset.</summary>
    public string? ClassifierPath { get; init; }
}
