using static TorchSharp.torch;

namespace Lsgan.Training;

/// <summary>
/// Sums the per-step stats on the device and reads them back once per logged line, so the hot loop
/// never waits for a host copy.
/// </summary>
public sealed class MetricsAccumulator(Device device, double startSeconds) : IDisposable
{
    private readonly Tensor sums = zeros(GanTrainer.StatCount, dtype: float64, device: device);
    private int pendingSteps;
    private long pendingImages;
    private double lastSeconds = startSeconds;

    public bool HasPending => pendingSteps > 0;

    public void Add(Tensor stats, long images)
    {
        using var noGrad = no_grad();
        sums.add_(stats.to(float64));
        pendingSteps++;
        pendingImages += images;
    }

    /// <summary>Averages since the last call; throws when a value is NaN or infinite (the run diverged).</summary>
    public MetricsRecord Flush(long step, int epoch, double seconds)
    {
        double[] mean;
        using (var averaged = sums / pendingSteps) mean = averaged.cpu().data<double>().ToArray();
        double rate = pendingImages / Math.Max(seconds - lastSeconds, 1e-9);
        sums.zero_();
        (pendingSteps, pendingImages, lastSeconds) = (0, 0, seconds);
        string[] names = ["D loss", "G loss", "mean D(x)", "mean D(G(z))"];
        for (int i = 0; i < mean.Length; i++)
        {
            if (!double.IsFinite(mean[i]))
                throw new TrainingDivergedException($"Training diverged by step {step}: {names[i]} is {mean[i]}.");
        }
        return new MetricsRecord(step, epoch, mean[0], mean[1], mean[2], mean[3], Math.Round(seconds, 3), Math.Round(rate, 1));
    }

    public void Dispose() => sums.Dispose();
}
