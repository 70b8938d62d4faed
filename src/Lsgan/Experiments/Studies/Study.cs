using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Lsgan.IO;
using Lsgan.Metrics;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Experiments.Studies;

/// <summary>
/// Runs a grid of ordinary training runs (settings × seeds) inside one study directory, each an ordinary run
/// directory named &lt;setting&gt;-seed&lt;S&gt;. Running it again resumes: finished runs (outcome.json, or a checkpoint at
/// their last epoch or step limit) are skipped, interrupted ones continue from their checkpoint, nothing is recomputed.
/// Several jobs run at once on threads of this process; libtorch's thread count (process-wide) is the caller's to set.
/// </summary>
public sealed class Study(string directory, IReadOnlyList<StudyRun> runs)
{
    /// <summary>The study directory.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>End a run at the first evaluation that finds it collapsed (<see cref="CollapseRule"/>).</summary>
    public bool StopOnCollapse { get; init; }

    /// <summary>Passed to each <see cref="TrainingSession.CheckpointWritten"/> (e.g. to draw losses.png).</summary>
    public Action<RunDirectory>? CheckpointWritten { get; init; }

    /// <summary>Where each run stands; reads only small files (configs, checkpoint manifests, outcomes).</summary>
    public IReadOnlyList<StudyRunStatus> Inspect() => runs.Select(InspectRun).ToList();

    private StudyRunStatus InspectRun(StudyRun run)
    {
        string path = Path.Combine(Directory, run.DirectoryName);
        string outcome = Path.Combine(path, StudyOutcome.FileName);
        if (!Checkpoint.Exists(path))
            return new StudyRunStatus(run, File.Exists(outcome) ? StudyRunState.Finished : StudyRunState.New, path);
        var saved = Json.ReadFile<TrainConfig>(RunDirectory.ConfigFileOf(path), "run config");
        if (saved with { Epochs = run.Config.Epochs, MaxSteps = run.Config.MaxSteps } != run.Config)
            throw new LsganException($"{path} holds a run of another experiment than this study's; move it away or give another --out.");
        if (File.Exists(outcome) && Json.ReadFile<StudyOutcome>(outcome, "run outcome").Outcome is StudyOutcome.Diverged or "collapsed")
            return new StudyRunStatus(run, StudyRunState.Finished, path);
        var state = Checkpoint.ReadManifest(Checkpoint.Resolve(path)).State;
        bool done = state.Epoch >= run.Config.Epochs || (run.Config.MaxSteps > 0 && state.Step >= run.Config.MaxSteps);
        return new StudyRunStatus(run, done ? StudyRunState.Finished : StudyRunState.Resume, path);
    }

    /// <summary>
    /// Trains the <paramref name="pending"/> runs (from <see cref="Inspect"/>), <paramref name="jobs"/> at a time.
    /// Returns false when <paramref name="cancel"/> stopped it (each run under way saved a checkpoint). A run that
    /// diverges is recorded as such and the others go on; any other failure is thrown once every job has stopped.
    /// <paramref name="progress"/> gets a line per run start and end, and per epoch; <paramref name="steps"/> the
    /// steps of all the runs to train as one <see cref="RunsProgress"/> (for a bar over the whole study).
    /// </summary>
    public bool Run(IReadOnlyList<StudyRunStatus> pending, IStudyData data, int jobs, IProgress<string>? progress = null, CancellationToken cancel = default,
        IProgress<WorkProgress>? steps = null)
    {
        if (jobs < 1) throw new LsganException($"jobs must be at least 1, got {jobs}.");
        var queue = new ConcurrentQueue<StudyRunStatus>(pending.Where(p => p.State != StudyRunState.Finished));
        int total = queue.Count, started = 0;
        var tally = new RunsProgress(total, steps);
        var failures = new ConcurrentQueue<(string Run, Exception Error)>();
        var evaluatorLock = new object();
        void Work()
        {
            while (!cancel.IsCancellationRequested && failures.IsEmpty && queue.TryDequeue(out var item))
            {
                int number = Interlocked.Increment(ref started);
                try
                {
                    string name = $"[{number}/{total} {item.Run.DirectoryName}]";
                    if (RunOne(item, data, evaluatorLock, new Reporter(progress, name, p => tally.Update(number - 1, p.Step, p.TotalSteps,
                        $"{name} step {p.Step}/{p.TotalSteps}")), cancel))
                        tally.Finish(number - 1, $"{name} done");
                }
                catch (Exception e)
                {
                    failures.Enqueue((item.Run.DirectoryName, e));
                }
            }
        }
        var threads = Enumerable.Range(0, Math.Min(jobs, Math.Max(total, 1))).Select(_ => new Thread(Work)).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (failures.TryDequeue(out var failure))
        {
            if (failure.Error is LsganException e) throw new LsganException($"Study run {failure.Run}: {e.Message}", e);
            ExceptionDispatchInfo.Capture(failure.Error).Throw();
        }
        return !cancel.IsCancellationRequested;
    }

    /// <summary>Trains one run; false when it was interrupted (it resumes next time).</summary>
    private bool RunOne(StudyRunStatus item, IStudyData data, object evaluatorLock, Reporter progress, CancellationToken cancel)
    {
        var config = item.Run.Config;
        var images = data.TrainImages(config);
        var evaluator = data.Evaluator(config) is { } inner ? new LockedEvaluator(inner, evaluatorLock) : null;
        string? checkpoint = null;
        RunDirectory run;
        if (item.State == StudyRunState.Resume)
        {
            run = RunDirectory.Open(item.Directory);
            run.Lock();
            // An outcome left by an earlier target (e.g. a lower --max-steps) no longer holds once the run goes on.
            File.Delete(Path.Combine(run.Path, StudyOutcome.FileName));
            checkpoint = Checkpoint.Resolve(run.Path);
            Checkpoint.Verify(checkpoint);
            progress.Say($"resuming from step {Checkpoint.ReadManifest(checkpoint).State.Step}");
        }
        else
        {
            SetAsideUnresumable(item.Directory, progress);
            run = RunDirectory.CreateNew(item.Directory, Directory, config);
            progress.Say("starting");
        }
        using (run)
        {
            TrainingOutcome outcome;
            try
            {
                var session = new TrainingSession(config, run, progress, evaluator) { StopOnCollapse = StopOnCollapse, CheckpointWritten = CheckpointWritten };
                outcome = session.Run(images, checkpoint, cancel);
            }
            catch (LsganException e) when (e.InnerException is TrainingDivergedException)
            {
                Json.WriteFile(Path.Combine(run.Path, StudyOutcome.FileName), new StudyOutcome(StudyOutcome.Diverged, e.Message));
                progress.Say($"diverged: {e.Message}");
                return true;
            }
            if (outcome == TrainingOutcome.Interrupted)
            {
                progress.Say("interrupted; the next run of the study resumes it");
                return false;
            }
            string name = outcome switch { TrainingOutcome.StepLimit => "step-limit", TrainingOutcome.Collapsed => "collapsed", _ => "completed" };
            Json.WriteFile(Path.Combine(run.Path, StudyOutcome.FileName), new StudyOutcome(name));
            progress.Say(name == "collapsed" ? "stopped: collapsed" : "done");
            return true;
        }
    }

    /// <summary>
    /// A run directory with a log but no checkpoint (killed before its first one) cannot be resumed and would block a
    /// new start: it is renamed aside (nothing deleted) and the run starts again.
    /// </summary>
    private static void SetAsideUnresumable(string path, Reporter progress)
    {
        if (!RunDirectory.HoldsTrainingLog(path)) return;
        string aside = IO.SetAside.Directory(path, "unresumable");
        progress.Say($"had no checkpoint to resume from; moved it to {aside} and starting again");
    }

    /// <summary>Forwards a session's messages and epoch ends as lines prefixed with the run's name, and its steps to <paramref name="step"/>.</summary>
    private sealed class Reporter(IProgress<string>? target, string prefix, Action<TrainingProgress> step) : IProgress<TrainingProgress>
    {
        public void Say(string message) => target?.Report($"{prefix} {message}");

        public void Report(TrainingProgress p)
        {
            if (p.Message is not null)
            {
                Say(p.Message);
                return;
            }
            step(p);
            if (p.StepInEpoch == p.StepsPerEpoch && p.Latest is { } m)
                Say($"epoch {p.Epoch}/{p.Epochs} step {p.Step}: D {m.DLoss:F4} G {m.GLoss:F4} {m.ImagesPerSecond:F0} img/s");
        }
    }

    /// <summary>One evaluation at a time across jobs: the evaluator's network and features are shared.</summary>
    private sealed class LockedEvaluator(IRunEvaluator inner, object gate) : IRunEvaluator
    {
        public EvaluationReport Evaluate(Tensor generatedImages)
        {
            lock (gate) return inner.Evaluate(generatedImages);
        }

        public (EvaluationReport Report, ConditionalAccuracyResult? Accuracy) Evaluate(Tensor generatedImages, Tensor intended, int classCount)
        {
            lock (gate) return inner.Evaluate(generatedImages, intended, classCount);
        }
    }
}
