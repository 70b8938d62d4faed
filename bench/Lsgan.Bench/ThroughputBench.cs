using System.Diagnostics;
using System.Text.Json.Nodes;
using Lsgan.Models;
using Lsgan.Reporting;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>
/// Images/s of the product's real training loop (<see cref="TrainingSession"/>: batching by index, both
/// updates, metric logging) timed between progress reports, interleaved block by block with the bare
/// <see cref="GanTrainer.Step"/> on ready batches (their difference is the time spent outside libtorch compute)
/// and, when given, with a peer's block of the same case; the GEMM rate is taken between blocks too. This machine's speed drifts over minutes; blocks
/// timed side by side see the same drift, so their ratio does not.
/// </summary>
public static class ThroughputBench
{
    public sealed record Result(Stats Full, Stats ComputeOnly, Stats? Peer, Stats Gemm)
    {
        /// <summary>Share of a full step's time spent outside the bare step (batching, logging, sampling).</summary>
        public double NonComputeShare => Math.Max(0, 1 - Full.Median / ComputeOnly.Median);
    }

    public static TrainConfig Config(string model, int batch) => new()
    {
        Dataset = "synthetic",
        // Each family's defaults (mlp without batch norm in D, as Keras-GAN; dcgan with it in both): as the PyTorch peer.
        Model = new ModelConfig(model),
        BatchSize = batch,
        Epochs = 1,
    };

    /// <summary>
    /// The LSGAN paper's scene case (bench --paper-scene): the authors' settings as <c>train --model paper-scene</c> has
    /// them (z ~ U(−1, 1)^1024, Adam 1e-3, β₁ 0.5, a-b-c 0-1-1, batch norm in G and D) on colour images of
    /// <paramref name="size"/>².
    /// </summary>
    public static TrainConfig SceneConfig(int size, int batch)
    {
        double lr = ModelFamilies.Get("paper-scene").LearningRate!.Value;
        return Config("paper-scene", batch) with
        {
            Model = new ModelConfig("paper-scene", Channels: 3, ImageSize: size),
            Optimizer = new OptimizerConfig(GeneratorLr: lr, DiscriminatorLr: lr),
        };
    }

    /// <param name="peerBlock">Times one block of the peer (steps → images/s); called before each of our blocks.</param>
    public static Result Measure(string model, int batch, Tensor images, int warmup, int blocks, int stepsPerBlock,
        Func<int, double>? peerBlock = null) =>
        Measure(Config(model, batch), images, warmup, blocks, stepsPerBlock, peerBlock);

    /// <summary>As above for any experiment: <paramref name="images"/> must match its model's image shape.</summary>
    public static Result Measure(TrainConfig experiment, Tensor images, int warmup, int blocks, int stepsPerBlock,
        Func<int, double>? peerBlock = null)
    {
        int batch = experiment.BatchSize;
        int totalSteps = warmup + blocks * stepsPerBlock;
        // Enough epochs for every block: the step limit, not the epoch count, ends the session.
        int epochs = Math.Max(experiment.Epochs, (int)((long)totalSteps * batch / images.shape[0]) + 2);
        var config = experiment with { MaxSteps = totalSteps, Epochs = epochs };
        string directory = Path.Combine(Path.GetTempPath(), $"lsgan-bench-{Guid.NewGuid():N}");
        using var bare = new BareSteps(config, new StepOptions(), images);
        bare.Run(warmup);
        var full = new List<double>();
        var computeOnly = new List<double>();
        var peer = new List<double>();
        var gemm = new List<double>();
        try
        {
            var run = RunDirectory.CreateNew(directory, Path.GetTempPath(), config);
            int reported = 0;
            long blockStart = 0;
            // Messages (the step-limit notice) are not steps; every step reports once.
            var progress = new CallbackProgress<TrainingProgress>(p =>
            {
                if (p.Message is not null) return;
                long now = Stopwatch.GetTimestamp();
                int done = ++reported - warmup;
                if (done < 0 || done % stepsPerBlock != 0) return;
                if (done > 0) full.Add((double)stepsPerBlock * batch / Stopwatch.GetElapsedTime(blockStart, now).TotalSeconds);
                if (done / stepsPerBlock == blocks) return;
                // Between our blocks, paused inside the progress callback: the GEMM rate, a bare-step block and a peer block.
                gemm.Add(GemmRate.Measure(repeats: 3).Median);
                computeOnly.Add(bare.Run(stepsPerBlock));
                if (peerBlock is not null) peer.Add(peerBlock(stepsPerBlock));
                blockStart = Stopwatch.GetTimestamp();
            });
            new TrainingSession(config, run, progress) { CheckpointWritten = LossPlot.Save }.Run(images);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        return new Result(Stats.Of(full), Stats.Of(computeOnly), peer.Count > 0 ? Stats.Of(peer) : null, Stats.Of(gemm));
    }

    /// <summary>
    /// A row of the cases table: our images/s (full loop and bare step), the peer's, and the FLOP rate they stand for
    /// as a fraction of the GEMM rate between blocks and of the machine's <paramref name="peakGflops"/>.
    /// </summary>
    public static JsonObject Row(string model, int batch, Result ours, long gMacs, long dMacs, double peakGflops, int steps, int blocks)
    {
        long flops = FlopCounter.TrainingStepFlops(gMacs, dMacs);
        double? theirs = ours.Peer?.Median;
        double achieved = ours.Full.Median * flops / 1e9;
        return new JsonObject
        {
            ["model"] = model, ["batch"] = batch,
            ["ours_img_s"] = Math.Round(ours.Full.Median, 1), ["ours_img_s_min"] = Math.Round(ours.Full.Min, 1), ["ours_img_s_max"] = Math.Round(ours.Full.Max, 1),
            ["compute_only_img_s"] = Math.Round(ours.ComputeOnly.Median, 1),
            ["non_compute_share"] = Math.Round(ours.NonComputeShare, 4),
            ["pytorch_img_s"] = theirs is null ? null : Math.Round(theirs.Value, 1),
            ["pytorch_img_s_min"] = ours.Peer is null ? null : Math.Round(ours.Peer.Min, 1),
            ["pytorch_img_s_max"] = ours.Peer is null ? null : Math.Round(ours.Peer.Max, 1),
            ["ratio"] = theirs is null ? null : Math.Round(ours.Full.Median / theirs.Value, 3),
            ["g_fwd_macs"] = gMacs, ["d_fwd_macs"] = dMacs, ["flops_per_image_step"] = flops,
            ["achieved_gflops"] = Math.Round(achieved, 1),
            ["gemm_gflops_between_blocks"] = Math.Round(ours.Gemm.Median, 1),
            ["gemm_fraction"] = Math.Round(achieved / ours.Gemm.Median, 3),
            ["peak_fraction"] = Math.Round(achieved / peakGflops, 3),
            ["steps_per_block"] = steps, ["blocks"] = blocks,
        };
    }

    /// <summary>
    /// Images/s of the bare step with and without one option, their blocks alternating so that both see the
    /// same machine: for the variants table, where the options change only the step.
    /// </summary>
    public static (Stats With, Stats Without) CompareOption(
        TrainConfig config, StepOptions with, StepOptions without, Tensor images, int warmup, int blocks, int stepsPerBlock)
    {
        using var on = new BareSteps(config, with, images);
        using var off = new BareSteps(config, without, images);
        on.Run(warmup);
        off.Run(warmup);
        var onRates = new List<double>();
        var offRates = new List<double>();
        for (int b = 0; b < blocks; b++)
        {
            onRates.Add(on.Run(stepsPerBlock));
            offRates.Add(off.Run(stepsPerBlock));
        }
        return (Stats.Of(onRates), Stats.Of(offRates));
    }

    /// <summary><see cref="GanTrainer.Step"/> alone, on eight ready batches in turn.</summary>
    private sealed class BareSteps : IDisposable
    {
        private readonly GanTrainer trainer;
        private readonly List<Tensor> batches;
        private readonly int batchSize;
        private int next;

        public BareSteps(TrainConfig config, StepOptions step, Tensor images)
        {
            trainer = new GanTrainer(config, CPU, step);
            batchSize = config.BatchSize;
            batches = Enumerable.Range(0, 8).Select(i => images.narrow(0, i * batchSize, batchSize).contiguous()).ToList();
        }

        /// <summary>Runs <paramref name="steps"/> steps; returns their images/s.</summary>
        public double Run(int steps)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < steps; i++)
            {
                using var scope = NewDisposeScope();
                trainer.Step([batches[next++ % batches.Count]]);
            }
            return (double)steps * batchSize / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        public void Dispose()
        {
            trainer.Dispose();
            foreach (var batch in batches) batch.Dispose();
        }
    }
}
