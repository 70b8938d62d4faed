namespace Lsgan.Tests;

public class RunsProgressTests
{
    [Fact]
    public void Given_two_runs_of_different_lengths_when_their_steps_are_reported_then_each_weighs_the_same_share_of_the_total()
    {
        var recorder = new WorkProgressRecorder();
        var progress = new RunsProgress(2, recorder);

        progress.Update(0, 50, 100, "a");   // half of run 0: 500 units
        progress.Update(1, 1, 4, "b");      // a quarter of run 1: 250 units
        progress.Update(0, 100, 100, "a");  // run 0 complete: 1000
        progress.Finish(1, "b over");

        Assert.Equal([500L, 750, 1250, 2000], recorder.Reports.Select(r => r.Done));
        Assert.Equal(["a", "b", "a", "b over"], recorder.Reports.Select(r => r.Description));
        recorder.AssertMonotoneToTotal(2 * RunsProgress.PerRun);
    }

    [Fact]
    public void Given_a_run_reported_out_of_order_or_stopped_early_when_updated_then_done_never_moves_back_and_still_ends_at_total()
    {
        var recorder = new WorkProgressRecorder();
        var progress = new RunsProgress(1, recorder);

        progress.Update(0, 3, 10, "step 3");
        progress.Update(0, 2, 10, "step 2, late");
        progress.Finish(0, "diverged at step 3");

        Assert.Equal([300L, 300, 1000], recorder.Reports.Select(r => r.Done));
        recorder.AssertMonotoneToTotal(RunsProgress.PerRun);
    }

    [Fact]
    public void Given_four_runs_updated_from_four_threads_when_all_finish_then_the_reports_stay_monotone_and_end_at_total()
    {
        var recorder = new WorkProgressRecorder();
        var progress = new RunsProgress(4, recorder);

        Parallel.For(0, 4, run =>
        {
            for (int step = 1; step <= 200; step++) progress.Update(run, step, 200, $"run {run}");
            progress.Finish(run, $"run {run} done");
        });

        Assert.Equal(4 * 201, recorder.Reports.Count);
        recorder.AssertMonotoneToTotal(4 * RunsProgress.PerRun);
    }
}
