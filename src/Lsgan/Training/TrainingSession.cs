using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Lsgan.Data;
using Lsgan.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Training;

/// <summary>
/// Orchestrates a run: epochs of <see cref="GanTrainer.Step"/> over seeded batches, metric lines,
/// sample grids from fixed noise, evaluations (--eval-every) and checkpoints (every epoch, at the end, on cancel).
/// </summary>
public sealed class TrainingSession
{
    private const int GridSamples = 64;

    private readonly TrainConfig config;
    private readonly RunDirectory run;
    private readonly IProgress<TrainingProgress>? progress;
    private readonly IRunEvaluator? evaluator;
    private readonly List<MetricsRecord> records = [];
    private double? bestFid;
    private string? dataSha256;

    public TrainingSession(TrainConfig config, RunDirectory run, IProgress<TrainingProgress>? progress = null, IRunEvaluator? evaluator = null)
    {
        config.EnsureValid();
        (this.config, this.run, this.progress, this.evaluator) = (config, run, progress, evaluator);
    }

    /// <summary>
    /// Called with the run after each write of checkpoints/latest that follows a metrics line, e.g. to redraw
    /// losses.png from the run's files, as 'lsgan train' does.
    /// </summary>
    public Action<RunDirectory>? CheckpointWritten { get; init; }

    /// <summary>End the run at the first evaluation that finds it collapsed (<see cref="CollapseRule"/>), keeping its checkpoints.</summary>
    public bool StopOnCollapse { get; init; }

    /// <summary>Told of every metrics line, grid and evaluation written, e.g. a <see cref="TensorBoardLog"/>.</summary>
    public ITrainingObserver? Observer { get; init; }

    /// <summary>Device and step optimisations; recorded in runtime.json with libtorch's thread count, which the caller sets.</summary>
    public RuntimeOptions Runtime { get; init; } = new();

    /// <summary>The step options in force: <see cref="RuntimeOptions.Step"/>, with the image-side layers' form timed or kept from runtime.json when asked.</summary>
    private (StepOptions Step, ImageLayerTiming? ImageLayers) ChooseStepOptions(Device device, string? resumeFrom)
    {
        if (!Runtime.ChooseImageLayersByTiming) return (Runtime.Step, null);
        if (resumeFrom is not null)
        {
            // The form the run was trained with, so that the resumed run computes as the uninterrupted one would.
            var saved = run.ReadRuntime();
            return saved is null ? (Runtime.Step, null) : (Runtime.Step with { UnfoldedImageLayers = saved.Step.UnfoldedImageLayers }, saved.ImageLayers);
        }
        var timing = ImageLayerProbe.Measure(config, device);
        if (timing is null) return (Runtime.Step, null);
        progress?.Report(new TrainingProgress(0, 0, 0, config.Epochs, 0, 0, null, timing.Describe()));
        return (Runtime.Step with { UnfoldedImageLayers = timing.Unfolded }, timing);
    }

    /// <summary>
    /// Trains on <paramref name="images"/> ([N, C, H, W] in [−1, 1]) from the start, or from
    /// <paramref name="resumeFrom"/> (a checkpoint directory) when given; <paramref name="labels"/> holds the class
    /// of each image (int64 [N]) for a conditional model, and is null for any other.
    /// </summary>
    public TrainingOutcome Run(Tensor images, string? resumeFrom = null, CancellationToken cancel = default, Tensor? labels = null)
    {
        var device = torch.device(Runtime.Device);
        CheckImages(images, labels);
        dataSha256 = DataSha256(images, labels);
        var (stepOptions, imageLayers) = ChooseStepOptions(device, resumeFrom);
        using var trainer = new GanTrainer(config, device, stepOptions);
        var state = new TrainingState(0, 0, 0, 0, []);
        if (resumeFrom is not null)
        {
            // Every check (state.json, checksums, shapes) passes before anything in the run is rewritten.
            state = Checkpoint.ReadManifest(resumeFrom).State;
            if (state.DataSha256 is { } trained && trained != dataSha256)
                throw new LsganException(
                    $"The training images of {config.Dataset} are not those {run.Path} was trained on (files added, removed or changed since); resuming would not continue the same run.");
            if (config.MaxSteps > 0 && state.Step >= config.MaxSteps)
                throw new LsganException($"{run.Path} is already at step {state.Step}; give --max-steps above {state.Step} (or 0 for no limit) to train further.");
            Checkpoint.Restore(resumeFrom, trainer, state);
            foreach (string note in run.TrimMetricsAfter(state.Step))
                progress?.Report(new TrainingProgress(state.Step, state.Step, state.Epoch, config.Epochs, 0, 0, null, note));
            records.AddRange(run.ReadMetrics());
            run.WriteConfig(config);
            bestFid = state.BestFid;
        }

        int k = config.DiscriminatorSteps;
        var sampler = new BatchSampler(images.shape[0], config.BatchSize, config.Seed);
        int stepsPerEpoch = (int)(sampler.BatchesPerEpoch / k);
        if (stepsPerEpoch == 0)
            throw new LsganException($"The dataset has {images.shape[0]} images, fewer than one step needs ({config.BatchSize} x {k} D steps).");
        long totalSteps = (long)stepsPerEpoch * config.Epochs;
        if (config.MaxSteps > 0) totalSteps = Math.Min(totalSteps, config.MaxSteps);

        // to() hands back the caller's own tensor when it is on the device already: that one is the caller's to dispose.
        var data = images.to(device);
        using var ownData = ReferenceEquals(data, images) ? null : data;
        var classes = labels?.to(device);
        using var ownClasses = classes is null || ReferenceEquals(classes, labels) ? null : classes;
        var (fixedNoise, fixedLabels) = FixedNoise(device);
        using var _ = fixedNoise;
        using var __ = fixedLabels;
        run.WriteRuntime(new RuntimeRecord(Runtime.Device, torch.get_num_threads(), stepOptions, imageLayers));
        if (resumeFrom is null)
        {
            ImageGrid.Save(data.narrow(0, 0, Math.Min(GridSamples, data.shape[0])), SamplePath("reals"));
            Observer?.GridSaved(0, "reals", SamplePath("reals"));
        }
        var clock = Stopwatch.StartNew();
        double Seconds() => state.ElapsedSeconds + clock.Elapsed.TotalSeconds;
        using var metrics = new MetricsAccumulator(device, state.ElapsedSeconds);
        long step = state.Step;

        for (int epoch = state.Epoch; epoch < config.Epochs; epoch++)
        {
            using var permutation = sampler.Permutation(epoch, device);
            int first = epoch == state.Epoch ? state.StepInEpoch : 0;
            for (int s = first; s < stepsPerEpoch; s++)
            {
                if (cancel.IsCancellationRequested)
                {
                    Finish(trainer, metrics, step, epoch, s, Seconds(), "interrupted");
                    return TrainingOutcome.Interrupted;
                }
                using (var scope = NewDisposeScope())
                {
                    var indices = Enumerable.Range(0, k).Select(j => sampler.Batch(permutation, (long)s * k + j)).ToList();
                    var batches = indices.Select(batch => data.index_select(0, batch)).ToList();
                    var batchLabels = classes is null ? null : indices.Select(batch => classes.index_select(0, batch)).ToList();
                    metrics.Add(trainer.Step(batches, batchLabels), (long)config.BatchSize * k);
                }
                step++;
                bool epochEnd = s == stepsPerEpoch - 1;
                if (step % config.LogEvery == 0 || epochEnd) Log(metrics, step, epoch, Seconds());
                if (config.SampleEvery > 0 && step % config.SampleEvery == 0)
                    SaveGrid(trainer, fixedNoise, fixedLabels, step, $"step-{step:D7}");
                progress?.Report(new TrainingProgress(step, totalSteps, epoch + 1, config.Epochs, s + 1, stepsPerEpoch, records.LastOrDefault()));

                bool atLimit = config.MaxSteps > 0 && step >= config.MaxSteps;
                if (epochEnd)
                {
                    SaveGrid(trainer, fixedNoise, fixedLabels, step, $"epoch-{epoch + 1:D4}");
                    var next = new TrainingState(step, epoch + 1, 0, Seconds(), []);
                    // Every --eval-every epochs, and at the run's end, so that every run has a final evaluation.
                    bool collapsed = Evaluates && ((epoch + 1) % config.EvalEvery == 0 || epoch + 1 == config.Epochs || atLimit)
                        && Evaluate(trainer, next);
                    SaveCheckpoint(trainer, next);
                    if (collapsed && StopOnCollapse) return StoppedCollapsed(next);
                }
                if (atLimit)
                {
                    if (!epochEnd)
                    {
                        SaveGrid(trainer, fixedNoise, fixedLabels, step, $"step-{step:D7}");
                        bool collapsed = Evaluates && Evaluate(trainer, new TrainingState(step, epoch, s + 1, Seconds(), []));
                        Finish(trainer, metrics, step, epoch, s + 1, Seconds(), "step limit");
                        if (collapsed && StopOnCollapse) return TrainingOutcome.Collapsed;
                    }
                    return TrainingOutcome.StepLimit;
                }
            }
        }
        return TrainingOutcome.Completed;
    }

    // The images as 8-bit pixels, hashed: the same on any thread count, and cheap (~0.1 s for 60,000 images of 28 x 28).
    // A conditional run's labels are hashed too (an unconditional run's hash is the images' alone, as it always was).
    private static string DataSha256(Tensor images, Tensor? labels)
    {
        using var scope = NewDisposeScope();
        var pixels = images.add(1).mul_(127.5).round_().clamp_(0, 255).to(ScalarType.Byte).cpu().contiguous();
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(string.Join("x", images.shape) + ";"));
        hash.AppendData(pixels.bytes);
        if (labels is not null) hash.AppendData(labels.to(ScalarType.Int64).cpu().contiguous().bytes);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private void CheckImages(Tensor images, Tensor? labels)
    {
        var model = config.Model;
        long[] expected = [model.Channels, model.ImageSize, model.ImageSize];
        if (images.dim() != 4 || !images.shape.Skip(1).SequenceEqual(expected))
            throw new LsganException(
                $"The {config.Model.Kind} model expects images [N, {string.Join(", ", expected)}], but the data is [{string.Join(", ", images.shape)}].");
        if (!model.Conditional)
        {
            if (labels is not null) throw new LsganException($"The {model.Kind} model is not class-conditional; it takes no labels.");
            return;
        }
        if (labels is null || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new LsganException($"The {model.Kind} model is class-conditional: it needs one class label per image, and {config.Dataset} has none.");
        if (labels.dtype != ScalarType.Int64) throw new LsganException("Class labels must be int64.");
        using var scope = NewDisposeScope();
        long low = labels.min().item<long>(), high = labels.max().item<long>();
        if (low < 0 || high >= model.Classes)
            throw new LsganException($"The labels of {config.Dataset} run from {low} to {high}, outside the model's {model.Classes} classes.");
    }

    private void Log(MetricsAccumulator metrics, long step, int epoch, double seconds)
    {
        MetricsRecord record;
        try
        {
            record = metrics.Flush(step, epoch + 1, seconds);
        }
        catch (TrainingDivergedException e)
        {
            throw Diverged(e.Message, e);
        }
        records.Add(record);
        run.AppendMetrics(record);
        Observer?.MetricsLogged(record);
    }

    /// <summary>Ends a session mid-epoch (Ctrl-C or step limit) so that it can be resumed exactly.</summary>
    private void Finish(GanTrainer trainer, MetricsAccumulator metrics, long step, int epoch, int stepInEpoch, double seconds, string why)
    {
        if (metrics.HasPending) Log(metrics, step, epoch, seconds);
        SaveCheckpoint(trainer, new TrainingState(step, epoch, stepInEpoch, seconds, []));
        progress?.Report(new TrainingProgress(step, step, epoch + 1, config.Epochs, stepInEpoch, 0, records.LastOrDefault(),
            $"Stopped at step {step} ({why}); the checkpoint is saved."));
    }

    // The inner exception is always a TrainingDivergedException, so callers (a study) can tell divergence from other failures.
    private LsganException Diverged(string why, TrainingDivergedException? inner = null) => new(Checkpoint.Exists(run.Path)
        ? $"{why} Stopped; the last good checkpoint is kept in {run.CheckpointsDirectory}."
        : $"{why} Stopped; try a lower learning rate; no checkpoint was written yet.", inner ?? new TrainingDivergedException(why));

    private bool Evaluates => evaluator is not null && config.EvalEvery > 0;

    private TrainingOutcome StoppedCollapsed(TrainingState state)
    {
        progress?.Report(new TrainingProgress(state.Step, state.Step, state.Epoch, config.Epochs, 0, 0, records.LastOrDefault(),
            $"Stopped at step {state.Step}: the run collapsed (--stop-on-collapse); checkpoints/latest and checkpoints/best are kept."));
        return TrainingOutcome.Collapsed;
    }

    private void SaveCheckpoint(GanTrainer trainer, TrainingState state, string directory = "latest")
    {
        // The logged losses come from before the last update, so the weights themselves are checked before they replace a good checkpoint.
        foreach (var (name, module) in new[] { ("G", (nn.Module)trainer.Models.Generator), ("D", trainer.Models.Discriminator) })
        {
            if (!Checkpoint.IsFinite(module))
                throw Diverged($"Training diverged by step {state.Step}: a weight or gradient of {name} is NaN or infinite.");
        }
        using var noiseState = trainer.Noise.get_state();
        state = state with { NoiseState = noiseState.data<byte>().ToArray(), BestFid = bestFid, DataSha256 = dataSha256 };
        Checkpoint.Save(Path.Combine(run.CheckpointsDirectory, directory), trainer, config, state);
        if (records.Count > 0 && directory == "latest") CheckpointWritten?.Invoke(run);
    }

    /// <summary>
    /// Scores samples from a fixed noise set and keeps checkpoints/best at the lowest FID; true when the run counts as
    /// collapsed (<see cref="CollapseRule"/>).
    /// </summary>
    private bool Evaluate(GanTrainer trainer, TrainingState state)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(unchecked((ulong)config.Seed ^ 0xE7A1UL));
        var noise = LatentDistribution.Sample(config.Model, config.EvalSamples, random).to(trainer.Noise.device);
        var labels = config.Model.Conditional ? ClassGrid.Cycling(config.EvalSamples, config.Model.Classes).to(trainer.Noise.device) : null;
        var images = cat(noise.split(500).Select((z, i) => trainer.Generate(z, labels?.narrow(0, i * 500L, z.shape[0])).cpu()).ToList(), 0);
        // Scored as 8-bit PNGs, as 'evaluate' and 'fid' score them, so the three agree on the same samples.
        var quantized = ImageFiles.QuantizeAsPng(images);
        var (report, accuracy) = labels is null
            ? (evaluator!.Evaluate(quantized), null)
            : evaluator!.Evaluate(quantized, labels.cpu(), config.Model.Classes);
        var record = new EvaluationRecord(state.Step, state.Epoch, report, CollapseRule.Check(report, bestFid)) { ConditionalAccuracy = accuracy };
        run.AppendEvaluation(record);
        Observer?.Evaluated(record);
        progress?.Report(new TrainingProgress(state.Step, state.Step, state.Epoch, config.Epochs, 0, 0, records.LastOrDefault(),
            $"epoch {state.Epoch} step {state.Step}: FID {report.Fid:F3}, classes covered {report.ClassesCovered}"
            + (accuracy is null ? "" : $", conditional accuracy {accuracy.Overall:P1}")
            + (record.Collapse is null ? "" : $"; COLLAPSED ({record.Collapse})")));
        if (bestFid is null || report.Fid < bestFid)
        {
            bestFid = report.Fid;
            SaveCheckpoint(trainer, state, "best");
        }
        return record.Collapse is not null;
    }

    private void SaveGrid(GanTrainer trainer, Tensor fixedNoise, Tensor? fixedLabels, long step, string name)
    {
        using (var scope = NewDisposeScope())
        {
            var images = trainer.Generate(fixedNoise, fixedLabels);
            if (fixedLabels is null) ImageGrid.Save(images, SamplePath(name));
            else ImageGrid.Save(images, SamplePath(name), ClassGrid.Columns);
        }
        Observer?.GridSaved(step, name, SamplePath(name));
    }

    // Drawn from a generator of its own so that grids of one run are comparable across epochs and resumes. A
    // conditional run's grid has a row per class (the first ten), every row from the same noise.
    private (Tensor Noise, Tensor? Labels) FixedNoise(Device device)
    {
        using var random = new Generator(unchecked((ulong)config.Seed ^ 0xF1C5D0E5UL));
        if (!config.Model.Conditional)
            return (LatentDistribution.Sample(config.Model, GridSamples, random).to(device), null);
        var classes = Enumerable.Range(0, Math.Min(config.Model.Classes, ClassGrid.MaxRows)).ToArray();
        using var columns = LatentDistribution.Sample(config.Model, ClassGrid.Columns, random);
        var (noise, labels) = ClassGrid.Layout(columns, classes);
        return (noise.to(device), labels.to(device));
    }

    private string SamplePath(string name) => Path.Combine(run.SamplesDirectory, name + ".png");
}
