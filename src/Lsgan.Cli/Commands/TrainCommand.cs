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
        if (config.EvalEvery > 0) RequireShippedClassifier(config.Dataset);
        if (p.GetValue(o.DryRun))
        {
            Console.WriteLine(JsonSerializer.Serialize(config, Json.Indented));
            return 0;
        }

        // Process-wide, so set here once rather than by the library; the session records it in runtime.json.
        TorchSharp.torch.set_num_threads(threads);

        // Data first: a missing or corrupt dataset must not leave an empty run directory behind.
        using var data = DatasetLoading.LoadTrain(config, p.GetValue(o.DataDir));
        var images = data.Images;
        // Labels only for a conditional model: an unconditional run's data checksum and step stay as before.
        var labels = config.Model.Conditional ? data.Labels : null;
        using var evaluator = config.EvalEvery > 0 ? CreateEvaluator(config.Dataset, p.GetValue(o.DataDir)) : null;
        using var _ = run ??= RunDirectory.CreateNew(p.GetValue(o.Out), p.GetValue(o.RunsDir)!, config);
        Console.Error.WriteLine($"Run directory: {run.Path}");

        // A new event file per session, beside metrics.jsonl; TensorBoard reads all of a directory's files as one run.
        var tensorBoard = p.GetValue(o.NoTensorBoard) ? null : new TensorBoardLog(run.Path);
        var outcome = StopSignals.Stoppable(cancel => TrainingView.Run(progress => new TrainingSession(config, run, progress, evaluator)
        {
            Runtime = runtime, CheckpointWritten = LossPlot.Save, StopOnCollapse = p.GetValue(o.StopOnCollapse), Observer = tensorBoard,
        }.Run(images, checkpoint, cancel, labels)));
        Console.Error.WriteLine(outcome switch
        {
            TrainingOutcome.Completed => $"Done: {config.Epochs} epochs. Samples in {run.SamplesDirectory}, checkpoint in {run.LatestCheckpoint}.",
            TrainingOutcome.Collapsed => $"Collapsed ({CollapseRule.Description}); checkpoints kept in {run.CheckpointsDirectory}.",
            _ => $"Stopped early; continue with: ./lsgan train --resume {RunPaths.ShellQuote(run.Path)}",
        });
        return outcome == TrainingOutcome.Interrupted ? StopSignals.ExitCode : 0;
    }

    internal static TestSetEvaluator CreateEvaluator(string dataset, string? dataDir) =>
        TestSetEvaluator.ForShippedClassifier(dataset, DatasetLoading.Fetcher(dataDir));

    /// <summary>--eval-every scores against a test set through the dataset's shipped classifier; checked before anything is loaded.</summary>
    private static void RequireShippedClassifier(string dataset)
    {
        if (!DatasetCatalog.Names.Contains(dataset))
            throw new LsganException("--eval-every needs a dataset with a shipped feature classifier (mnist or fashion-mnist); score a stacked-mnist run with 'lsgan evaluate'.");
    }

    private static Plan NewRun(TrainOptions o, ParseResult p)
    {
        var config = NewConfig(o, p);
        int threads = o.ThreadsFor(p, null);
        EnsureValid(config, threads);
        return new Plan(config, o.ToRuntime(p), threads, null, null);
    }

    /// <summary>The experiment of a new run from train's options (also each run of a study), not yet validated.</summary>
    internal static TrainConfig NewConfig(TrainOptions o, ParseResult p)
    {
        string dataset = p.GetValue(o.Dataset)!;
        DatasetLoading.EnsureKnown(dataset);
        bool conditional = Lsgan.Models.ModelFamilies.Find(p.GetValue(o.Model)!)?.Conditional ?? false;
        int classes = conditional ? DatasetLoading.ClassesOf(dataset, p.GetValue(o.Model)!, p.GetValue(o.Classes)) : 0;
        var config = o.ToConfig(p, ChannelsOf(dataset, p, o.Channels), classes);
        // A built-in dataset has one size (a folder is resized to the model's), checked before anything is written.
        if (DatasetLoading.BuiltInImageSize(dataset) is int size && size != config.Model.ImageSize)
            throw new LsganException($"The {config.Model.Kind} model at {config.Model.ImageSize}x{config.Model.ImageSize} cannot train on {dataset}, whose images are {size}x{size}; give --image-size {size} if the model draws it, or a folder of images.");
        DatasetLoading.EnsureOptionsFit(dataset, config.DatasetOptions);
        return config;
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
        // The image-side layers keep the form runtime.json records (see TrainingSession).
        return new Plan(config, new RuntimeOptions { Device = device, ChooseImageLayersByTiming = true }, threads, run, checkpoint);
    }

    /// <summary>--channels of a folder dataset; a built-in dataset has its own, which --channels may only repeat.</summary>
    private static int ChannelsOf(string dataset, ParseResult p, Option<int> channels)
    {
        if (DatasetLoading.IsFolder(dataset)) return p.GetValue(channels);
        int own = DatasetLoading.ChannelsOf(dataset);
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
