namespace Lsgan;

/// <summary>
/// Adds up the progress of several runs into one <see cref="WorkProgress"/> over all of them, so one bar and its
/// remaining time cover a whole study or mixture experiment. Each run weighs <see cref="PerRun"/> units (its steps
/// done as a share of its own total, which may be known only once it starts). Thread-safe; the reports it makes are
/// monotone and reach <see cref="Total"/> once every run has finished.
/// </summary>
/// <param name="runs">The runs to come.</param>
/// <param name="target">Told at every update, on the updating thread (under a lock, so in order).</param>
public sealed class RunsProgress(int runs, IProgress<WorkProgress>? target)
{
    /// <summary>Units of one run: fine enough for a bar, coarse enough that a run's step count never matters.</summary>
    public const long PerRun = 1000;

    private readonly long[] done = new long[runs];
    private readonly Lock gate = new();
    private long sum;

    /// <summary>Units in all: <see cref="PerRun"/> per run.</summary>
    public long Total { get; } = runs * PerRun;

    /// <summary>Run <paramref name="run"/> (0-based) is at <paramref name="step"/> of <paramref name="totalSteps"/>.</summary>
    public void Update(int run, long step, long totalSteps, string description) =>
        Set(run, totalSteps <= 0 ? 0 : Math.Clamp(step * PerRun / totalSteps, 0, PerRun), description);

    /// <summary>Run <paramref name="run"/> is over, whatever step it stopped at (e.g. diverged early).</summary>
    public void Finish(int run, string description) => Set(run, PerRun, description);

    private void Set(int run, long units, string description)
    {
        lock (gate)
        {
            // A resumed or reordered report never moves a run back.
            if (units > done[run])
            {
                sum += units - done[run];
                done[run] = units;
            }
            target?.Report(new WorkProgress(sum, Total, description));
        }
    }
}
