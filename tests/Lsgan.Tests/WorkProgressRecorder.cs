namespace Lsgan.Tests;

/// <summary>
/// Records what a job reports, from any thread: its <see cref="WorkProgress"/> and its lines (a fetch reports both
/// to one sink), and checks the reports are what a bar needs.
/// </summary>
public sealed class WorkProgressRecorder : IProgress<WorkProgress>, IProgress<string>
{
    private readonly List<WorkProgress> reports = [];
    private readonly List<string> lines = [];

    public IReadOnlyList<WorkProgress> Reports
    {
        get { lock (reports) return [.. reports]; }
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (lines) return [.. lines]; }
    }

    public void Report(WorkProgress value)
    {
        lock (reports) reports.Add(value);
    }

    public void Report(string value)
    {
        lock (lines) lines.Add(value);
    }

    /// <summary>
    /// Asserts at least one report, a single total of <paramref name="total"/> units, done never moving back nor past
    /// it, and the last report at the total.
    /// </summary>
    public void AssertMonotoneToTotal(long total)
    {
        var all = Reports;
        Assert.NotEmpty(all);
        Assert.All(all, r => Assert.Equal(total, r.Total));
        Assert.All(all, r => Assert.InRange(r.Done, 0, total));
        for (int i = 1; i < all.Count; i++)
            Assert.True(all[i].Done >= all[i - 1].Done, $"report {i} went back from {all[i - 1].Done} to {all[i].Done}");
        Assert.Equal(total, all[^1].Done);
    }
}
