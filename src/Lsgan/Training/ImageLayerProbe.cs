using System.Diagnostics;
using Lsgan.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Training;

/// <summary>
/// How long one G + D forward and backward took with the image-side layers in each form, and which form won.
/// Recorded in runtime.json so that a resumed run keeps the choice (the two forms agree only to float rounding).
/// </summary>
/// <param name="Unfolded">The unfold/fold form was chosen.</param>
/// <param name="UnfoldedMs">Best time of the unfold/fold form, in milliseconds.</param>
/// <param name="LibtorchMs">Best time of libtorch's own Conv2d/ConvTranspose2d, in milliseconds.</param>
public sealed record ImageLayerTiming(bool Unfolded, double UnfoldedMs, double LibtorchMs)
{
    public string Describe() =>
        $"image-side layers: {(Unfolded ? "unfold/fold" : "libtorch's convolutions")} " +
        $"({UnfoldedMs:F1} ms unfold/fold vs {LibtorchMs:F1} ms libtorch per G + D forward and backward, measured on this CPU)";
}

/// <summary>
/// Chooses the faster form of a model's image-side layers (<see cref="StepOptions.UnfoldedImageLayers"/>) by
/// timing both on the run's own shapes. Which is faster depends on the CPU: unfold/fold won by 1.1–2× on the
/// AVX2 machine these layers were written on and lost (0.94×) on an AVX-512 EPYC, where libtorch's oneDNN
/// kernels take wider paths. Costs well under a second for dcgan at batch 64.
/// </summary>
public static class ImageLayerProbe
{
    /// <summary>Null when the model has no image-side layers with two forms (e.g. mlp): nothing to choose.</summary>
    public static ImageLayerTiming? Measure(TrainConfig config, Device device, int repeats = 5)
    {
        using var unfolded = ModelFactory.Create(config.Model, config.Seed, unfoldedImageLayers: true);
        if (!ModelFactory.HasUnfoldedImageLayers(unfolded)) return null;
        using var libtorch = ModelFactory.Create(config.Model, config.Seed, unfoldedImageLayers: false);
        unfolded.Generator.to(device); unfolded.Discriminator.to(device);
        libtorch.Generator.to(device); libtorch.Discriminator.to(device);
        using var z = randn(config.BatchSize, config.Model.LatentDim, device: device);

        double bestUnfolded = double.MaxValue, bestLibtorch = double.MaxValue;
        // Alternate the two so that a drift in the machine's speed hits both; the first round warms up caches.
        for (int round = 0; round <= repeats; round++)
        {
            double u = TimePass(unfolded, z), l = TimePass(libtorch, z);
            if (round == 0) continue;
            bestUnfolded = Math.Min(bestUnfolded, u);
            bestLibtorch = Math.Min(bestLibtorch, l);
        }
        return new ImageLayerTiming(bestUnfolded <= bestLibtorch, Math.Round(bestUnfolded, 2), Math.Round(bestLibtorch, 2));
    }

    private static double TimePass(GanModels models, Tensor z)
    {
        using var scope = NewDisposeScope();
        long start = Stopwatch.GetTimestamp();
        var score = models.Discriminator.forward(models.Generator.forward(z));
        score.sum().backward();
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        foreach (var p in models.Generator.parameters().Concat(models.Discriminator.parameters())) p.grad = null;
        return ms;
    }
}
