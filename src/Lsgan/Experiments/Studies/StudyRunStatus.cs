namespace Lsgan.Experiments.Studies;

/// <summary>What a study will do with one of its runs.</summary>
public enum StudyRunState
{
    /// <summary>Not started: a new run directory.</summary>
    New,

    /// <summary>Interrupted: continued from its checkpoint.</summary>
    Resume,

    /// <summary>Done (or diverged, or stopped collapsed): skipped.</summary>
    Finished,
}

/// <summary>A run of a study, where it stands, and its directory.</summary>
public sealed record StudyRunStatus(StudyRun Run, StudyRunState State, string Directory);
