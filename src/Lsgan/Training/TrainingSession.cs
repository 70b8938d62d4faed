using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Lsgan.Data;
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

    /// <summary>Told of every metrics line, grid and evaluation written, e.g. a <see cref="TensorBoardLog"/>.</summary>
    public ITrainingObserver? Observer { get; init; }

    /// <summary>Device and step optimisations; recorded in runtime.json with libtorch's thread count, which the caller sets.</summary>
    public RuntimeOptions Runtime { get; init; } = new();

    /// <summary>
    /// Trains on <paramref name="images"/> ([N, C, H, W] in [−1, 1]) from the start, or from
    /// <paramref name="resumeFrom"/> (a checkpoint directory) when given.
    /// </summary>
    public TrainingOutcome Run(Tensor images, string? resumeFrom = null, CancellationToken cancel = default)
    {
        var device = torch.device(Runtime.Device);
        CheckImages(images);
        dataSha256 = DataSha256(images);
        using var trainer = new GanTrainer(config, device, Runtime.Step);
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

        using var data = images.to(device);
        using var fixedNoise = FixedNoise(device);
        run.WriteRuntime(new RuntimeRecord(Runtime.Device, torch.get_num_threads(), Runtime.Step));
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
                    var batches = Enumerable.Range(0, k)
                        .Select(j => data.index_select(0, sampler.Batch(permutation, (long)s * k + j)))
                        .ToList();
                    metrics.Add(trainer.Step(batches), (long)config.BatchSize * k);
                }
                step++;
                bool epochEnd = s == stepsPerEpoch - 1;
                if (step % config.LogEvery == 0 || epochEnd) Log(metrics, step, epoch, Seconds());
                if (config.SampleEvery > 0 && step % config.SampleEvery == 0)
                    SaveGrid(trainer, fixedNoise, step, $"step-{step:D7}");
                progress?.Report(new TrainingProgress(step, totalSteps, epoch + 1, config.Epochs, s + 1, stepsPerEpoch, records.LastOrDefault()));

                if (epochEnd)
                {
                    SaveGrid(trainer, fixedNoise, step, $"epoch-{epoch + 1:D4}");
                    var next = new TrainingState(step, epoch + 1, 0, Seconds(), []);
                    if (evaluator is not null && config.EvalEvery > 0 && (epoch + 1) % config.EvalEvery == 0)
                        Evaluate(trainer, next);
                    SaveCheckpoint(trainer, next);
                }
                if (config.MaxSteps > 0 && step >= config.MaxSteps)
                {
                    if (!epochEnd)
                    {
                        SaveGrid(trainer, fixedNoise, step, $"step-{step:D7}");
                        Finish(trainer, metrics, step, epoch, s + 1, Seconds(), "step limit");
                    }
                    return TrainingOutcome.StepLimit;
                }
            }
        }
        return TrainingOutcome.Completed;
    }

    // The images as 8-bit pixels, hashed: the same on any thread count, and cheap (~0.1 s for 60,000 images of 28 x 28).
    private static string DataSha256(Tensor images)
    {
        using var scope = NewDisposeScope();
        var pixels = images.add(1).mul_(127.5).round_().clamp_(0, 255).to(ScalarType.Byte).cpu().contiguous();
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(string.Join("x", images.shape) + ";"));
        hash.AppendData(pixels.bytes);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private void CheckImages(Tensor images)
    {
        var model = config.Model;
        long[] expected = [model.Channels, model.ImageSize, model.ImageSize];
        if (images.dim() != 4 || !images.shape.Skip(1).SequenceEqual(expected))
            throw new LsganException(
                $"The {config.Model.Kind} model expects images [N, {string.Join(", ", expected)}], but the data is [{string.Join(", ", images.shape)}].");
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

    private LsganException Diverged(string why, Exception? inner = null) => new(Checkpoint.Exists(run.Path)
        ? $"{why} Stopped; the last good checkpoint is kept in {run.CheckpointsDirectory}."
        : $"{why} Stopped; try a lower learning rate; no checkpoint was written yet.", inner);

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

    /// <summary>Scores samples from a fixed noise set and keeps checkpoints/best at the lowest FID.</summary>
    private void Evaluate(GanTrainer trainer, TrainingState state)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(unchecked((ulong)config.Seed ^ 0xE7A1UL));
        var noise = randn([config.EvalSamples, config.Model.LatentDim], generator: random).to(trainer.Noise.device);
        var images = cat(noise.split(500).Select(z => trainer.Generate(z).cpu()).ToList(), 0);
        var record = new EvaluationRecord(state.Step, state.Epoch, evaluator!.Evaluate(images));
        run.AppendEvaluation(record);
        Observer?.Evaluated(record);
        progress?.Report(new TrainingProgress(state.Step, state.Step, state.Epoch, config.Epochs, 0, 0, records.LastOrDefault(),
            $"epoch {state.Epoch}: FID {record.Evaluation.Fid:F3}, classes covered {record.Evaluation.ClassesCovered}"));
        if (bestFid is null || record.Evaluation.Fid < bestFid)
        {
            bestFid = record.Evaluation.Fid;
            SaveCheckpoint(trainer, state, "best");
        }
    }

    private void SaveGrid(GanTrainer trainer, Tensor fixedNoise, long step, string name)
    {
        using (var scope = NewDisposeScope())
            ImageGrid.Save(trainer.Generate(fixedNoise), SamplePath(name));
        Observer?.GridSaved(step, name, SamplePath(name));
    }

    // Drawn from a generator of its own so that grids of one run are comparable across epochs and resumes.
    private Tensor FixedNoise(Device device)
    {
        using var random = new Generator(unchecked((ulong)config.Seed ^ 0xF1C5D0E5UL));
        return randn([GridSamples, config.Model.LatentDim], generator: random).to(device);
    }

    private string SamplePath(string name) => Path.Combine(run.SamplesDirectory, name + ".png");
}
