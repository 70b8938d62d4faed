using System.Diagnostics;
using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>
/// Images/s of the product's real training loop (<see cref="TrainingSession"/>: batching by index, both
/// updates, metric logging) timed between progress reports, and of the bare <see cref="GanTrainer.Step"/>
/// on ready batches, whose difference is the time spent outside libtorch compute.
/// </summary>
public static class ThroughputBench
{
    public sealed record Result(Stats Full, Stats ComputeOnly, int StepsPerBlock)
    {
        /// <summary>Share of a full step's time spent outside the bare step (batching, logging, sampling).</summary>
        public double NonComputeShare => Math.Max(0, 1 - Full.Median / ComputeOnly.Median);
    }

    public static TrainConfig Config(string model, int batch, int threads) => new()
    {
        Dataset = "synthetic",
        // mlp as Keras-GAN has it (no batch norm in D), dcgan with batch norm in both: as the PyTorch peer.
        Model = new ModelConfig(model, DiscriminatorBatchNorm: model != "mlp"),
        BatchSize = batch,
        Epochs = 1,
        Threads = threads,
    };

    public static Result Measure(string model, int batch, int threads, Tensor images, int warmup, int blocks, int stepsPerBlock,
        Func<TrainConfig, TrainConfig>? variant = null)
    {
        var config = (variant ?? (c => c))(Config(model, batch, threads)) with { MaxSteps = warmup + blocks * stepsPerBlock };
        string directory = Path.Combine(Path.GetTempPath(), $"lsgan-bench-{Guid.NewGuid():N}");
        try
        {
            var run = RunDirectory.CreateNew(directory, Path.GetTempPath(), config);
            var stamps = new List<long>();
            // Messages (the step-limit notice) are not steps.
            var progress = new CallbackProgress<TrainingProgress>(p =>
            {
                if (p.Message is null) stamps.Add(Stopwatch.GetTimestamp());
            });
            new TrainingSession(config, run, progress).Run(images);
            var full = Enumerable.Range(0, blocks).Select(b =>
                (double)stepsPerBlock * batch / Stopwatch.GetElapsedTime(stamps[warmup - 1 + b * stepsPerBlock], stamps[warmup - 1 + (b + 1) * stepsPerBlock]).TotalSeconds);
            return new Result(Stats.Of(full.ToList()), MeasureComputeOnly(config, images, warmup, blocks, stepsPerBlock), stepsPerBlock);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static Stats MeasureComputeOnly(TrainConfig config, Tensor images, int warmup, int blocks, int stepsPerBlock)
    {
        using var trainer = new GanTrainer(config, CPU);
        var batches = Enumerable.Range(0, 8).Select(i => images.narrow(0, i * config.BatchSize, config.BatchSize).contiguous()).ToList();
        void Steps(int count)
        {
            for (int i = 0; i < count; i++)
            {
                using var scope = NewDisposeScope();
                trainer.Step([batches[i % batches.Count]]);
            }
        }
        Steps(warmup);
        var rates = new List<double>();
        for (int b = 0; b < blocks; b++)
        {
            long start = Stopwatch.GetTimestamp();
            Steps(stepsPerBlock);
            rates.Add((double)stepsPerBlock * config.BatchSize / Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        foreach (var batch in batches) batch.Dispose();
        return Stats.Of(rates);
    }
}
