using System.Text;
using System.Text.Json.Nodes;

namespace Lsgan.Bench;

/// <summary>Renders results.json as the Markdown table committed as bench/results.md.</summary>
public static class ResultsMarkdown
{
    public static string Render(JsonObject result)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Benchmark results ({result["date"]})");
        text.AppendLine();
        text.AppendLine($"Machine: {result["machine"]}; libtorch threads: {result["threads"]}; TorchSharp {result["torchsharp"]}.");
        if (result["cpu"] is JsonObject cpu)
        {
            var flags = string.Join(' ', cpu["flags"]!.AsArray().Select(f => f!.ToString()));
            text.AppendLine($"CPU: {cpu["model"]}, {cpu["logical_cores"]} logical cores; vector flags: {flags}.");
            text.AppendLine($"Peak float32 rate: **{result["peak_gflops"]} GFLOP/s** ({result["peak_source"]}); FMA loop ({cpu["fma_loop_vector_bits"]}-bit) {result["fma_loop_gflops"]}, " +
                $"libtorch GEMM 4096² best {result["libtorch_gemm_large_best_gflops"]}, PyTorch peer's GEMM 4096² best {result["pytorch_gemm_large_best_gflops"]?.ToString() ?? "-"}.");
        }
        text.AppendLine($"GEMM 2048² float32 through libtorch: **{result["gemm_gflops"]} GFLOP/s** (min {result["gemm_gflops_min"]}, max {result["gemm_gflops_max"]}).");
        text.AppendLine($"Peer: PyTorch {result["pytorch_version"] ?? "(not run)"}, {result["pytorch_blas"] ?? ""}; its GEMM: {result["pytorch_gemm_gflops"] ?? "-"} GFLOP/s.");
        text.AppendLine();
        text.Append(CaseTable(result["cases"]!.AsArray()));
        text.AppendLine();
        text.AppendLine("| optimisation | model | batch | with (img/s) | without (img/s) | speed-up |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var row in result["variants"]!.AsArray().Select(r => r!.AsObject()))
            text.AppendLine($"| {row["optimisation"]} | {row["model"]} | {row["batch"]} | {row["with_img_s"]} | {row["without_img_s"]} | {row["speedup"]} |");
        if (result["mixture"] is JsonObject mixture)
        {
            text.AppendLine();
            text.Append(MixtureTable(mixture));
        }
        var memory = result["memory"]!.AsObject();
        text.AppendLine();
        text.AppendLine($"Memory over {memory["steps"]} steps of {memory["model"]} (batch {memory["batch"]}): resident {memory["start_mb"]} MB after the first sample, " +
            $"{memory["end_mb"]} MB at the end, peak {memory["peak_mb"]} MB.");
        text.AppendLine($"Evaluation of 10,000 generated vs 10,000 real images (generate, features, all metrics): {result["evaluate_10k_seconds"]} s.");
        text.AppendLine();
        text.AppendLine("FLOPs per image per step = 2 × (3 × G forward MACs + 9 × D forward MACs): G forward and backward, and three D passes (real, detached fake, fake for G) with their backward. " +
            "\"Of peak\" divides by the peak rate above (the best of a plain FMA loop and the GEMMs); \"of libtorch GEMM\" by libtorch's 2048² GEMM measured between this case's blocks (the machine's speed drifts). " +
            "The PyTorch peer runs without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, so OpenBLAS picks its own kernel (core= in its BLAS string). " +
            "\"Bare step\" is GanTrainer.Step on ready batches; the non-compute share is 1 − ours / bare step. " +
            "Our blocks, bare-step blocks, PyTorch blocks and GEMM measurements alternate within each case.");
        return text.ToString();
    }

    /// <summary>results-paper-scene.md: the paper's scene net alone (bench --paper-scene).</summary>
    public static string RenderPaperScene(JsonObject result)
    {
        var text = new StringBuilder();
        text.AppendLine($"# The paper's scene net ({result["date"]})");
        text.AppendLine();
        text.AppendLine($"Machine: {result["machine"]}; libtorch threads: {result["threads"]}; TorchSharp {result["torchsharp"]}.");
        text.AppendLine($"Peak float32 rate: **{result["peak_gflops"]} GFLOP/s** ({result["peak_source"]}).");
        text.AppendLine($"Peer: PyTorch {result["pytorch_version"] ?? "(not run)"}, {result["pytorch_blas"] ?? ""}.");
        text.AppendLine();
        text.Append(CaseTable(result["cases"]!.AsArray()));
        text.AppendLine();
        text.AppendLine("`train --model paper-scene --image-size S --channels 3` with the authors' settings (z ~ U(−1, 1)^1024, Adam 1e-3, β₁ 0.5, " +
            "a-b-c 0-1-1, batch norm in G and D) on synthetic colour images, beside the same layers in plain PyTorch. " +
            "FLOPs per image per step, \"of peak\" and \"of libtorch GEMM\" as in results.md.");
        return text.ToString();
    }

    /// <summary>The cases table: a row per model and batch.</summary>
    private static string CaseTable(JsonArray cases)
    {
        var text = new StringBuilder();
        text.AppendLine("| model | batch | ours img/s (min–max) | PyTorch img/s | ours / PyTorch | GFLOP/s | of peak | of libtorch GEMM | bare step img/s | non-compute share |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in cases.Select(r => r!.AsObject()))
        {
            text.AppendLine($"| {row["model"]} | {row["batch"]} | {row["ours_img_s"]} ({row["ours_img_s_min"]}–{row["ours_img_s_max"]}) | " +
                $"{row["pytorch_img_s"]?.ToString() ?? "-"} | {row["ratio"]?.ToString() ?? "-"} | {row["achieved_gflops"]} | " +
                $"{(row["peak_fraction"] is { } peakFraction ? ((double)peakFraction).ToString("P0") : "-")} | " +
                $"{(double)row["gemm_fraction"]!:P0} | {row["compute_only_img_s"]} | {(double)row["non_compute_share"]!:P1} |");
        }
        return text.ToString();
    }

    /// <summary>results-mixture.md: the mixture step alone (bench --mixture).</summary>
    public static string RenderMixture(JsonObject row) =>
        $"# Mixture step ({row["date"]})\n\nPeer: PyTorch {row["pytorch_version"] ?? "(not run)"}, {row["pytorch_blas"] ?? ""}.\n\n" + MixtureTable(row);

    private static string MixtureTable(JsonObject row)
    {
        var text = new StringBuilder();
        text.AppendLine("| case | threads | ours steps/s (min–max) | PyTorch steps/s (min–max) | ours / PyTorch | ours under autograd steps/s (hand-written pass's speed-up) | simultaneous update steps/s | load average |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        text.AppendLine($"| {row["case"]} | {row["threads"]} | {row["ours_steps_s"]} ({row["ours_steps_s_min"]}–{row["ours_steps_s_max"]}) | " +
            $"{row["pytorch_steps_s"]?.ToString() ?? "-"} ({row["pytorch_steps_s_min"]?.ToString() ?? "-"}–{row["pytorch_steps_s_max"]?.ToString() ?? "-"}) | " +
            $"{row["ratio"]?.ToString() ?? "-"} | {row["autograd_steps_s"]?.ToString() ?? "-"} ({row["hand_written_speedup"]?.ToString() ?? "-"}×) | " +
            $"{row["simultaneous_steps_s"]} ({row["simultaneous_speedup"]}×) | {row["loadavg"]} |");
        text.AppendLine();
        text.AppendLine($"Blocks of {row["steps_per_block"]} steps, {row["blocks"]} each, alternating PyTorch, ours, ours under autograd, ours simultaneous; a step is fresh real points and z, D's update and G's.");
        if (row["ratio_blocks"] is JsonArray ratios)
            text.AppendLine($"Ours / PyTorch block by block (each of our blocks against the peer block just before it): {string.Join(", ", ratios.Select(r => r!.ToString()))}.");
        return text.ToString();
    }
}
