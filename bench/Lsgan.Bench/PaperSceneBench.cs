using System.Text.Json.Nodes;
using Lsgan.Models;
using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>
/// bench --paper-scene: images/s of the LSGAN paper's scene net (<c>train --model paper-scene</c>) at 64 and 112 beside
/// the same layers in plain PyTorch, with its FLOPs per image and the fraction of the GEMM rate and of the machine's peak
/// they stand for. Apart from the default bench: a step at 112 costs about 16 GFLOP per image, seconds per batch here.
/// </summary>
public static class PaperSceneBench
{
    /// <summary>The sizes measured by default: the paper's 112 and the 64 the README's runs use.</summary>
    public static readonly int[] Sizes = [64, 112];

    /// <summary>The case's name in the peer's protocol (bench/pytorch_peer.py's CASES).</summary>
    public static string PeerCase(int size) => $"paper-scene-{size}";

    // Steps per timed block: 5.3 GFLOP per image at 64 and 16.3 at 112 make a block of batch 64 about 5 s on this
    // 2-core machine at its best (~190 GFLOP/s of GEMM, half of it reached), and far longer when it is loaded.
    private static int StepsPerBlock(int size) => size >= 112 ? 1 : 3;

    public static JsonObject Run(string benchDirectory, int threads, bool quick, bool withPeer, int batch, IReadOnlyList<int> sizes)
    {
        set_num_threads(threads);
        int warmup = quick ? 1 : 2, blocks = quick ? 2 : 5;
        // The physical limit first, before libtorch's OpenMP threads exist to spin beside the loop (as the main bench).
        double fmaPeak = FmaPeak.Measure(threads, quick ? 5_000_000 : 50_000_000);
        var largeGemm = GemmRate.Measure(quick ? 1024 : 4096, quick ? 2 : 5);
        using var peer = withPeer ? PytorchPeer.Start(benchDirectory, threads, warmup) : null;
        var peak = MachinePeak.Choose(fmaPeak, largeGemm.Max, peer?.Facts["peak_gemm"]?["max"]?.GetValue<double>());
        Console.Error.WriteLine($"peak: {peak.Gflops:F1} GFLOP/s ({peak.Source})");

        var cases = new JsonArray();
        foreach (int size in sizes)
        {
            var config = ThroughputBench.SceneConfig(size, batch);
            long gMacs, dMacs;
            using (var models = ModelFactory.Create(config.Model, 0))
            {
                gMacs = FlopCounter.ForwardMacs(models.Generator, config.Model.LatentDim);
                dMacs = FlopCounter.ForwardMacs(models.Discriminator, 3, size, size);
            }
            int steps = quick ? 1 : StepsPerBlock(size);
            // Enough images that no epoch ends inside the measurement (an epoch's end writes a grid and a checkpoint),
            // and at least the eight batches the bare step cycles through.
            using var images = rand(batch * Math.Max(8, warmup + blocks * steps + 1), 3, size, size) * 2 - 1;
            var ours = ThroughputBench.Measure(config, images, warmup, blocks, steps,
                peerBlock: peer is null ? null : n => peer.RunBlock(PeerCase(size), batch, n));
            var row = ThroughputBench.Row($"paper-scene {size}", batch, ours, gMacs, dMacs, peak.Gflops, steps, blocks);
            cases.Add(row);
            Console.Error.WriteLine(row.ToJsonString());
        }

        return new JsonObject
        {
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm") + " UTC",
            ["threads"] = threads,
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(),
            ["cpu"] = CpuInfo.OfThisMachine().ToJson(),
            ["peak_gflops"] = Math.Round(peak.Gflops, 1),
            ["peak_source"] = peak.Source,
            // Every candidate of the peak, so a run whose peak came from a GEMM still shows the FMA loop's rate.
            ["fma_loop_gflops"] = Math.Round(fmaPeak, 1),
            ["libtorch_gemm_gflops"] = Math.Round(largeGemm.Max, 1),
            ["pytorch_version"] = peer?.Facts["torch_version"]?.DeepClone(),
            ["pytorch_blas"] = peer?.Facts["blas"]?.DeepClone(),
            ["cases"] = cases,
        };
    }
}
