namespace Lsgan.Training;

/// <summary>How a training session ended.</summary>
public enum TrainingOutcome
{
    /// <summary>All epochs are done.</summary>
    Completed,

    /// <summary>--max-steps was reached; the run can be resumed.</summary>
    StepLimit,

    /// <summary>Cancelled (Ctrl-C); a checkpoint was written and the run can be resumed.</summary>
    Interrupted,

    /// <summary>An evaluation found the run collapsed (<see cref="CollapseRule"/>) and --stop-on-collapse ended it; checkpoints kept.</summary>
    Collapsed,
}
