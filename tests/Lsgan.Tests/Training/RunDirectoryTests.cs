using Lsgan.Metrics;
using Lsgan.Training;

namespace Lsgan.Tests.Training;

public class RunDirectoryTests
{
    private static EvaluationReport Report(double fid) => new(fid, 0.5, 0.5, 1, 0.5, 0.01, 0.001, 10, 0.1, new long[10], 5, 0.1, 100, 40);

    private static MetricsRecord Line(long step) => new(step, 1, 0.5, 0.5, 0.1, -0.1, step, 100);

    [Fact]
    public void Given_losses_and_evaluations_when_appended_then_each_goes_to_its_own_log_and_reads_back()
    {
        using var dir = new TempDirectory();
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, new TrainConfig());

        run.AppendMetrics(Line(10));
        run.AppendEvaluation(new EvaluationRecord(10, 1, Report(7.5)));
        run.AppendMetrics(Line(20));

        Assert.Equal(new long[] { 10, 20 }, run.ReadMetrics().Select(r => r.Step));
        Assert.Equal(2, File.ReadLines(run.MetricsFile).Count());
        var evaluation = Assert.Single(run.ReadEvaluations());
        Assert.Equal((10L, 1, 7.5), (evaluation.Step, evaluation.Epoch, evaluation.Evaluation.Fid));
    }

    [Fact]
    public void Given_a_run_logged_past_its_checkpoint_when_trimmed_then_both_logs_end_at_the_checkpoint_step()
    {
        using var dir = new TempDirectory();
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, new TrainConfig());
        foreach (long step in new long[] { 10, 20, 30 })
        {
            run.AppendMetrics(Line(step));
            run.AppendEvaluation(new EvaluationRecord(step, 1, Report(step)));
        }

        run.TrimMetricsAfter(20);

        Assert.Equal(new long[] { 10, 20 }, run.ReadMetrics().Select(r => r.Step));
        Assert.Equal(new long[] { 10, 20 }, run.ReadEvaluations().Select(e => e.Step));
    }

    [Fact]
    public void Given_a_run_from_before_metric_evaluation_jsonl_when_read_then_its_evaluation_lines_in_metrics_jsonl_count()
    {
        using var dir = new TempDirectory();
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, new TrainConfig());
        run.AppendMetrics(Line(10));
        run.AppendEvaluation(new EvaluationRecord(10, 1, Report(7.5)));
        // Such runs wrote the same line, step and epoch then the keys of evaluation.json, into the training log.
        File.AppendAllLines(run.MetricsFile, File.ReadAllLines(run.EvaluationMetricsFile));
        File.Delete(run.EvaluationMetricsFile);

        var evaluation = Assert.Single(run.ReadEvaluations());

        Assert.Equal((10L, 7.5), (evaluation.Step, evaluation.Evaluation.Fid));
        Assert.Single(run.ReadMetrics());
    }
}
