using System.Diagnostics;
using Lsgan.IO;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

/// <summary>Torn logs, runs that never started, interrupted saves and a second writer, on a tiny trained run.</summary>
public sealed class RunDirectoryFaultTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public RunDirectoryFaultTests() => set_num_threads(1);

    public void Dispose() => dir.Dispose();

    [Theory]
    [InlineData("metrics.jsonl", "{\"step\":3,\"epoch\":2,\"d_lo")]
    [InlineData("metrics.jsonl", "{")]
    [InlineData("metric-evaluation.jsonl", "{\"step\":2,\"epoch\":1,\"fid\":12.")]
    public void Given_a_torn_last_log_line_when_resumed_then_it_is_dropped_with_a_note_and_training_goes_on(string file, string torn)
    {
        string run = RunFaults.Train(dir.Combine("run"));
        string log = Path.Combine(run, file);
        string whole = File.Exists(log) ? File.ReadAllText(log) : "";
        File.AppendAllText(log, torn);
        var notes = new List<string>();

        var outcome = RunFaults.Resume(run, progress: new Collect(notes));

        Assert.Equal(TrainingOutcome.Completed, outcome);
        Assert.Contains(notes, n => n.StartsWith(log, StringComparison.Ordinal) && n.Contains("torn last line"));
        Assert.StartsWith(whole, File.ReadAllText(log));
        var steps = JsonLines.Read(log, out bool stillTorn).Select(n => (long)n["step"]!).ToList();
        Assert.False(stillTorn);
        Assert.Equal(steps.Order(), steps);
        Assert.Equal(steps.Distinct().Count(), steps.Count);
    }

    [Fact]
    public void Given_a_bad_line_inside_metrics_jsonl_when_resumed_then_the_file_and_line_are_named_and_nothing_changes()
    {
        string run = RunFaults.Train(dir.Combine("run"));
        string log = Path.Combine(run, "metrics.jsonl");
        var lines = File.ReadAllLines(log).ToList();
        lines.Insert(1, "garbage");
        File.WriteAllLines(log, lines);
        var before = RunFaults.Snapshot(run);

        var error = Assert.Throws<LsganException>(() => RunFaults.Resume(run));

        Assert.Equal($"{log} line 2 is not a log line (a JSON object with a step); fix or delete that line.", error.Message);
        Assert.Equal(before, RunFaults.Snapshot(run));
    }

    [Fact]
    public void Given_a_start_that_failed_before_its_first_checkpoint_when_started_again_with_the_same_out_then_it_trains()
    {
        string path = dir.Combine("run");
        using (RunDirectory.CreateNew(path, dir.Path, RunFaults.Config))
        {
            // A start that dies here leaves config.json, samples/ and checkpoints/ only.
        }

        var resumed = Assert.Throws<LsganException>(() => RunDirectory.Open(path));
        Assert.Equal($"{path} was never started (it holds no checkpoint); start it again with --out {path}.", resumed.Message);
        RunFaults.Train(path);

        Assert.Equal(1, Checkpoint.Verify(Checkpoint.Resolve(path)).State.Epoch);
    }

    [Fact]
    public void Given_a_started_run_when_a_new_run_asks_for_its_directory_then_it_is_refused_and_unchanged()
    {
        string run = RunFaults.Train(dir.Combine("run"));
        var before = RunFaults.Snapshot(run);

        var error = Assert.Throws<LsganException>(() => RunDirectory.CreateNew(run, dir.Path, RunFaults.Config));

        Assert.Contains("already holds files", error.Message);
        Assert.Equal(before, RunFaults.Snapshot(run));
    }

    [Fact]
    public void Given_a_save_interrupted_between_its_renames_when_resumed_then_the_outgoing_copy_is_used_and_kept_until_replaced()
    {
        string run = RunFaults.Train(dir.Combine("run"));
        string checkpoints = Path.Combine(run, "checkpoints");
        // The state between "latest → .latest.outgoing" and ".latest.incoming → latest", with a partial incoming.
        Directory.Move(Path.Combine(checkpoints, "latest"), Path.Combine(checkpoints, ".latest.outgoing"));
        Directory.CreateDirectory(Path.Combine(checkpoints, ".latest.incoming"));
        File.WriteAllBytes(Path.Combine(checkpoints, ".latest.incoming", "generator.bin"), [1, 2, 3]);

        Assert.EndsWith(".latest.outgoing", Checkpoint.Resolve(run));
        Assert.Equal(TrainingOutcome.Completed, RunFaults.Resume(run));

        Assert.Equal(2, Checkpoint.Verify(Path.Combine(checkpoints, "latest")).State.Epoch);
        Assert.Equal(["latest"], Directory.GetDirectories(checkpoints).Select(Path.GetFileName));
    }

    [Fact]
    public void Given_a_locked_run_when_another_writer_asks_then_it_is_refused_naming_the_holder_and_the_first_is_unharmed()
    {
        string run = RunFaults.Train(dir.Combine("run"));
        using var first = DirectoryLock.Acquire(run);
        var before = RunFaults.Snapshot(run);

        var error = Assert.Throws<LsganException>(() => RunFaults.Resume(run));

        Assert.Equal($"{run} is in use by another lsgan process (pid {Environment.ProcessId}); wait for it to finish (or stop it) and try again.", error.Message);
        Assert.Equal(before, RunFaults.Snapshot(run));
        first.Dispose();
        Assert.Equal(TrainingOutcome.Completed, RunFaults.Resume(run));
    }

    [Fact]
    public void Given_a_lock_held_by_a_process_killed_with_sigkill_then_the_lock_is_free_at_once()
    {
        string run = RunFaults.Train(dir.Combine("run"));
        // flock(1) takes the same advisory lock as .NET's FileShare.None; -o keeps it in flock itself, not in sleep.
        // Without -n it waits when the polling below holds the lock for an instant, instead of giving up at once.
        using var holder = Process.Start(new ProcessStartInfo("flock", ["-o", Path.Combine(run, DirectoryLock.FileName), "sleep", "60"]))!;
        var clock = Stopwatch.StartNew();
        while (!IsLocked(run) && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(20);
        Assert.True(IsLocked(run), "the child never took the lock");

        holder.Kill(entireProcessTree: true);
        holder.WaitForExit();

        Assert.False(IsLocked(run));
        Assert.Equal(TrainingOutcome.Completed, RunFaults.Resume(run));
    }

    private static bool IsLocked(string run)
    {
        try
        {
            DirectoryLock.Acquire(run).Dispose();
            return false;
        }
        catch (LsganException e) when (e.Message.Contains("in use"))
        {
            return true;
        }
    }

    private sealed class Collect(List<string> notes) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Message is not null) notes.Add(value.Message);
        }
    }
}
