using System.Diagnostics;
using Lsgan.Reporting;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>Resident memory over a long real training run: it must stay flat (one dispose scope per step).</summary>
public static class MemoryBench
{
    public sealed record Result(string Model, int Batch, long Steps, double StartMb, double EndMb, double PeakMb, IReadOnlyList<(long Step, double Mb)> Samples);

    public static Result Measure(string model, int batch, Tensor images, long steps)
    {
        long every = Math.Max(1, Math.Min(500, steps / 10));
        long stepsPerEpoch = images.shape[0] / batch;
        var config = ThroughputBench.Config(model, batch) with
        {
            Epochs = (int)((steps + stepsPerEpoch - 1) / stepsPerEpoch),
            MaxSteps = steps,
        };
        string directory = Path.Combine(Path.GetTempPath(), $"lsgan-bench-{Guid.NewGuid():N}");
        var samples = new List<(long, double)>();
        var process = Process.GetCurrentProcess();
        try
        {
            var run = RunDirectory.CreateNew(directory, Path.GetTempPath(), config);
            var progress = new CallbackProgress<TrainingProgress>(p =>
            {
                if (p.Message is not null || p.Step % every != 0) return;
                process.Refresh();
                samples.Add((p.Step, process.WorkingSet64 / 1048576.0));
            });
            new TrainingSession(config, run, progress) { CheckpointWritten = LossPlot.Save }.Run(images);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        process.Refresh();
        return new Result(model, batch, steps, samples[0].Item2, samples[^1].Item2, process.PeakWorkingSet64 / 1048576.0, samples);
    }
}
