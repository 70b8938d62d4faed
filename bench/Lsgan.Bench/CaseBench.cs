using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>
/// One case of the suite (e.g. mlp at batch 64) over many blocks, every block kept: ours, the bare step, the peer and
/// the GEMM rate, in the order they ran, and ours / the peer block by block. This is how a step that runs at two
/// speeds shows itself: a median over 5 blocks hides it, a row of 30 does not.
/// </summary>
public static class CaseBench
{
    public static JsonObject Measure(string model, int batch, PytorchPeer? peer, int warmup, int blocks, int stepsPerBlock)
    {
        using var images = rand(60_000, 1, 28, 28) * 2 - 1;
        var result = ThroughputBench.Measure(model, batch, images, warmup, blocks, stepsPerBlock,
            peerBlock: peer is null ? null : n => peer.RunBlock(model, batch, n));
        JsonArray Rounded(IEnumerable<double> values) => [.. values.Select(v => (JsonNode)Math.Round(v, 1))];
        var row = new JsonObject
        {
            ["model"] = model, ["batch"] = batch, ["threads"] = get_num_threads(),
            ["steps_per_block"] = stepsPerBlock, ["blocks"] = blocks,
            ["ours_img_s"] = Math.Round(result.Full.Median, 1),
            ["pytorch_img_s"] = result.Peer is null ? null : Math.Round(result.Peer.Median, 1),
            ["ratio"] = result.Peer is null ? null : Math.Round(result.Full.Median / result.Peer.Median, 3),
            ["ours_blocks"] = Rounded(result.Full.Values),
            ["bare_step_blocks"] = Rounded(result.ComputeOnly.Values),
            ["pytorch_blocks"] = result.Peer is null ? null : Rounded(result.Peer.Values),
            ["gemm_gflops_blocks"] = Rounded(result.Gemm.Values),
            ["loadavg"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
        };
        if (result.Peer is not null)
        {
            // Each of our blocks against the peer block run just before it.
            var ratios = result.Full.Values.Zip(result.Peer.Values, (ours, theirs) => Math.Round(ours / theirs, 3)).ToList();
            row["ratio_blocks"] = new JsonArray([.. ratios.Select(r => (JsonNode)r)]);
            row["blocks_behind_pytorch"] = ratios.Count(r => r < 1);
        }
        return row;
    }

    /// <summary>results-MODEL-BATCH.md: the case's blocks as a table, one row per block.</summary>
    public static string Render(JsonObject row)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"# {row["model"]} at batch {row["batch"]}, block by block ({row["date"]})");
        text.AppendLine();
        text.AppendLine(invariant, $"Peer: PyTorch {row["pytorch_version"] ?? "(not run)"}, {row["pytorch_blas"] ?? ""}. Threads: {row["threads"]}; " +
            $"{row["steps_per_block"]} steps per block; load average at the end {row["loadavg"]}.");
        text.AppendLine();
        text.AppendLine(invariant, $"Median: ours {row["ours_img_s"]} img/s, PyTorch {row["pytorch_img_s"]?.ToString() ?? "-"}, ours / PyTorch " +
            $"{row["ratio"]?.ToString() ?? "-"}; blocks behind PyTorch: {row["blocks_behind_pytorch"]?.ToString() ?? "-"} of {row["ours_blocks"]!.AsArray().Count}.");
        text.AppendLine();
        text.AppendLine("| block | ours img/s | bare step img/s | PyTorch img/s (block before ours) | ours / PyTorch | libtorch GEMM 2048² GFLOP/s |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        var ours = row["ours_blocks"]!.AsArray();
        for (int i = 0; i < ours.Count; i++)
        {
            text.AppendLine(invariant, $"| {i + 1} | {ours[i]} | {row["bare_step_blocks"]![i]} | {row["pytorch_blocks"]?[i]?.ToString() ?? "-"} | " +
                $"{row["ratio_blocks"]?[i]?.ToString() ?? "-"} | {row["gemm_gflops_blocks"]![i]} |");
        }
        return text.ToString();
    }
}
