using Lsgan.Experiments.Studies;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Experiments.Studies;

[Collection(TorchGlobalStateCollection.Name)]
public class StudyTests
{
    // One thread: results are bitwise repeatable only at a fixed libtorch thread count.
    public StudyTests() => set_num_threads(1);

    [Fact]
    public void Given_a_finished_study_when_it_runs_again_then_no_run_is_created_trained_or_evaluated_and_no_file_changes()
    {
        using var dir = new TempDirectory();
        using var data = new StudyFixture();
        var plan = StudyFixture.Plan(0, 1);
        plan.Save(dir.Path);
        var study = new Study(dir.Path, StudyFixture.Runs(plan));
        Assert.True(study.Run(study.Inspect(), data, jobs: 2));
        int evaluations = data.Evaluations;
        var before = Snapshot(dir.Path);

        var statuses = study.Inspect();
        bool complete = study.Run(statuses, data, jobs: 2);

        Assert.True(complete);
        Assert.All(statuses, s => Assert.Equal(StudyRunState.Finished, s.State));
        Assert.Equal(4, Directory.GetDirectories(dir.Path).Length);
        Assert.Equal(4, evaluations);
        Assert.Equal(evaluations, data.Evaluations);
        Assert.Equal(before, Snapshot(dir.Path));
    }

    [Fact]
    public void Given_a_new_study_of_four_runs_on_two_jobs_when_it_runs_then_each_run_says_start_and_done_and_the_steps_reach_the_total()
    {
        using var dir = new TempDirectory();
        using var data = new StudyFixture();
        var study = new Study(dir.Path, StudyFixture.Runs(StudyFixture.Plan(0, 1)));
        var recorder = new WorkProgressRecorder();

        Assert.True(study.Run(study.Inspect(), data, jobs: 2, recorder, steps: recorder));

        // Each run (2 steps, one epoch) starts, ends its epoch and is done, its lines prefixed with its number and name.
        var runs = study.Inspect().Select(s => s.Run.DirectoryName).ToList();
        foreach (string run in runs)
        {
            var own = recorder.Lines.Where(l => l.Contains($" {run}] ", StringComparison.Ordinal)).ToList();
            Assert.Matches(@"^\[[1-4]/4 ", own[0]);
            Assert.EndsWith("starting", own[0]);
            Assert.Single(own, l => l.Contains("epoch 1/1 step 2:", StringComparison.Ordinal));
            Assert.EndsWith("done", own[^1]);
        }
        Assert.Equal(4 * 3, recorder.Lines.Count(l => l.EndsWith("starting") || l.Contains("epoch 1/1") || l.EndsWith("done")));
        // Every step of every run, then each run's end: 4 × (2 + 1) reports, monotone, ending at 4 runs' units.
        Assert.Equal(12, recorder.Reports.Count);
        recorder.AssertMonotoneToTotal(4 * RunsProgress.PerRun);
    }

    [Fact]
    public void Given_an_interrupted_run_when_the_study_runs_again_then_it_resumes_from_its_checkpoint_and_ends_as_an_uninterrupted_run()
    {
        using var dir = new TempDirectory();
        using var reference = new TempDirectory();
        using var data = new StudyFixture();
        var runs = StudyFixture.Runs(StudyFixture.Plan(5), epochs: 2).Take(1).ToList();
        var study = new Study(dir.Path, runs);
        using var cancel = new CancellationTokenSource();
        // Ctrl-C once the first epoch is done: the session saves a checkpoint at step 2 of 4 and stops.
        var onEpoch = new Lines(line => { if (line.Contains("epoch 1/2")) cancel.Cancel(); });

        Assert.False(study.Run(study.Inspect(), data, jobs: 1, onEpoch, cancel.Token));
        var interrupted = study.Inspect().Single();
        Assert.Equal(StudyRunState.Resume, interrupted.State);
        Assert.True(study.Run([interrupted], data, jobs: 1));
        new Study(reference.Path, runs).Run(new Study(reference.Path, runs).Inspect(), data, jobs: 1);

        string name = runs[0].DirectoryName;
        Assert.Equal(StudyRunState.Finished, study.Inspect().Single().State);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference.Path, name, "metric-evaluation.jsonl")),
            File.ReadAllBytes(Path.Combine(dir.Path, name, "metric-evaluation.jsonl")));
        Assert.Equal(4, Checkpoint.ReadManifest(Checkpoint.Resolve(Path.Combine(dir.Path, name))).State.Step);
    }

    [Fact]
    public void Given_two_shards_summarized_together_then_summary_json_and_md_are_byte_identical_to_the_unsharded_study()
    {
        using var whole = new TempDirectory();
        using var sharded = new TempDirectory();
        using var data = new StudyFixture();
        var plan = StudyFixture.Plan(0, 1);
        var runs = StudyFixture.Runs(plan);
        plan.Save(whole.Path);
        var study = new Study(whole.Path, runs);
        study.Run(study.Inspect(), data, jobs: 1);
        StudySummary.Read(whole.Path, plan).Save(whole.Path);

        foreach (int shard in new[] { 2, 1 })
        {
            plan.Save(sharded.Path);
            var part = new Study(sharded.Path, StudyPlan.Shard(runs, shard, 2));
            part.Run(part.Inspect(), data, jobs: 2);
        }
        StudySummary.Read(sharded.Path, StudyPlan.Load(sharded.Path)).Save(sharded.Path);

        Assert.Equal(2, StudyPlan.Shard(runs, 1, 2).Count);
        Assert.Equal(File.ReadAllText(Path.Combine(whole.Path, "summary.json")), File.ReadAllText(Path.Combine(sharded.Path, "summary.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole.Path, "summary.md")), File.ReadAllText(Path.Combine(sharded.Path, "summary.md")));
        Assert.Contains("\"runs\": 2", File.ReadAllText(Path.Combine(sharded.Path, "summary.json")));
    }

    [Fact]
    public void Given_a_study_directory_of_another_study_when_a_plan_is_saved_there_then_it_is_refused_and_left_alone()
    {
        using var dir = new TempDirectory();
        StudyFixture.Plan(0, 1).Save(dir.Path);
        string before = File.ReadAllText(Path.Combine(dir.Path, StudyPlan.FileName));

        var error = Assert.Throws<LsganException>(() => StudyFixture.Plan(0, 1, 2).Save(dir.Path));

        Assert.Contains("holds another study", error.Message);
        Assert.Equal(before, File.ReadAllText(Path.Combine(dir.Path, StudyPlan.FileName)));
    }

    private sealed class Lines(Action<string> action) : IProgress<string>
    {
        public void Report(string value) => action(value);
    }

    // Every file's path, size and write time.
    private static List<string> Snapshot(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Order().Select(f => $"{Path.GetRelativePath(root, f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}").ToList();
}
