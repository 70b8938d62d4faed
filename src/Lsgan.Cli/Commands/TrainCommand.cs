using System.CommandLine;
using System.Text.Json;
using Lsgan.Cli.Output;
using Lsgan.Data;
using Lsgan.Evaluation;
using Lsgan.IO;
using Lsgan.Reporting;
using Lsgan.Training;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan train: a new run, or --resume of an existing one.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var options = new TrainOptions();
        var command = new Command("train", "Train a GAN or LSGAN; each run gets its own directory with config, metrics, samples and checkpoints.");
        foreach (var option in options.All) command.Options.Add(option);
        command.SetAction(parsed => Run(options, parsed));
        return command;
    }

    private static int Run(TrainOptions o, ParseResult p)
    {
        string? resume = p.GetValue(o.Resume);
        var (config, runtime, threads, run, checkpoint) = resume is null ? NewRun(o, p) : ResumedRun(o, p, resume);
        if (p.GetValue(o.DryRun))
        {
            Console.WriteLine(JsonSerializer.Serialize(config, Json.Indented));
            return 0;
        }

        // Process-wide, so set here once rather than by the library; the session records it in runtime.json.
        TorchSharp.torch.set_num_threads(threads);

        // Data first: a missing or corrupt dataset must not leave an empty run directory behind.
        using var data = DatasetLoading.LoadTrainImages(config.Dataset, p.GetValue(o.DataDir), config.Model.Channels, out var images);
        using var evaluator = config.EvalEvery > 0 ? CreateEvaluator(config.Dataset, p.GetValue(o.DataDir)) : null;
        using var _ = run ??= RunDirectory.CreateNew(p.GetValue(o.Out), p.GetValue(o.RunsDir)!, config);
        Console.Error.WriteLine($"Run directory: {run.Path}");

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl-C asks for a checkpoint and a clean stop; a second one kills at once.
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            // A new event file per session, beside metrics.jsonl; TensorBoard reads all of a directory's files as one run.
            var tensorBoard = p.GetValue(o.NoTensorBoard) ? null : new TensorBoardLog(run.Path);
            var outcome = TrainingView.Run(progress => new TrainingSession(config, run, progress, evaluator)
            {
                Runtime = runtime,
                CheckpointWritten = LossPlot.Save,
                Observer = tensorBoard,
            }.Run(images, checkpoint, cancel.Token));
            Console.Error.WriteLine(outcome switch
            {
                TrainingOutcome.Completed => $"Done: {config.Epochs} epochs. Samples in {run.SamplesDirectory}, checkpoint in {run.LatestCheckpoint}.",
                _ => $"Stopped early; continue with: ./lsgan train --resume {RunPaths.ShellQuote(run.Path)}",
            });
            return outcome == TrainingOutcome.Interrupted ? 130 : 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static TestSetEvaluator CreateEvaluator(string dataset, string? dataDir)
    {
        if (DatasetLoading.IsFolder(dataset))
            throw new LsganException("--eval-every needs a dataset with a shipped feature classifier (mnist or fashion-mnist).");
        return TestSetEvaluator.ForShippedClassifier(dataset, DatasetLoading.Fetcher(dataDir));
    }

    private static Plan NewRun(TrainOptions o, ParseResult p)
    {
        string dataset = p.GetValue(o.Dataset)!;
        DatasetLoading.EnsureKnown(dataset);
        var config = o.ToConfig(p, ChannelsOf(dataset, p, o.Channels));
        int threads = o.ThreadsFor(p, null);
        EnsureValid(config, threads);
        return new Plan(config, new RuntimeOptions { Device = p.GetValue(o.Device)! }, threads, null, null);
    }

    private static Plan ResumedRun(TrainOptions o, ParseResult p, string path)
    {
        var fixedOptions = o.All.Except(o.ResumeAdjustable).Where(x => x != o.Resume && p.Given(x)).Select(x => x.Name).ToList();
        if (fixedOptions.Count > 0)
            throw new LsganException($"{string.Join(", ", fixedOptions)} cannot change a resumed run, which keeps its saved config; only {string.Join(", ", o.ResumeAdjustable.Select(x => x.Name))} may be given.");
        RunPaths.RequireRunFolder(path, "--resume");
        var run = RunDirectory.Open(path);
        RunPaths.RequireRunLayout(run);
        run.Lock();
        string checkpoint = Checkpoint.Resolve(run.Path);
        var manifest = Checkpoint.Verify(checkpoint);
        var config = o.Adjust(manifest.Config, p);
        var saved = run.ReadRuntime();
        int threads = o.ThreadsFor(p, saved);
        EnsureValid(config, threads);
        if (manifest.State.Epoch >= config.Epochs)
            throw new LsganException($"{path} has already trained {manifest.State.Epoch} epochs; give --epochs with more than {manifest.State.Epoch} to train further.");
        string device = saved?.Device ?? p.GetValue(o.Device)!;
        if (Limits.DeviceError(device) is { } error) throw new LsganException($"{path} was trained on device '{device}', but {error}; set \"device\": \"cpu\" in its runtime.json to go on.");
        return new Plan(config, new RuntimeOptions { Device = device }, threads, run, checkpoint);
    }

    /// <summary>--channels of a folder dataset; a built-in dataset has its own, which --channels may only repeat.</summary>
    private static int ChannelsOf(string dataset, ParseResult p, Option<int> channels)
    {
        if (DatasetLoading.IsFolder(dataset)) return p.GetValue(channels);
        int own = DatasetCatalog.Get(dataset).Channels;
        if (p.Given(channels) && p.GetValue(channels) != own)
            throw new LsganException($"--channels {p.GetValue(channels)} contradicts the {dataset} dataset, whose images have {own} channel{(own == 1 ? "" : "s")}; --channels is for folder datasets.");
        return own;
    }

    /// <summary>Every problem with the experiment and the thread count in one message.</summary>
    private static void EnsureValid(TrainConfig config, int threads)
    {
        var errors = config.Validate().ToList();
        if (threads < 1) errors.Add($"threads must be at least 1, got {threads}");
        if (errors.Count > 0) throw new LsganException($"Invalid options: {string.Join("; ", errors)}.");
    }

    /// <summary>What a train command will do: the experiment, how to compute it, and the run to resume if any.</summary>
    private sealed record Plan(TrainConfig Config, RuntimeOptions Runtime, int Threads, RunDirectory? Run, string? Checkpoint);
}
