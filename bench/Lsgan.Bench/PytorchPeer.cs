using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Lsgan.Bench;

/// <summary>Runs bench/pytorch_peer.py (plain PyTorch, same step) and reads its JSON report.</summary>
public static class PytorchPeer
{
    public static JsonObject? Run(string benchDirectory, int threads, string models, string batches, int warmup, int blocks)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Combine(benchDirectory, "pytorch_peer.py"), "--json", "--threads", $"{threads}",
                     "--models", models, "--batches", batches, "--warmup", $"{warmup}", "--blocks", $"{blocks}" })
            start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"pytorch peer failed ({process.ExitCode}): {stderr.Result.Trim().Split('\n').LastOrDefault()}");
                return null;
            }
            return JsonNode.Parse(stdout.Result)!.AsObject();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"pytorch peer not run: {e.Message}");
            return null;
        }
    }

    /// <summary>The peer's median images/s for one case, or null when it did not run it.</summary>
    public static double? ImagesPerSecond(JsonObject? report, string model, int batch) =>
        report?["cases"]?.AsArray()
            .FirstOrDefault(c => (string?)c!["model"] == model && (int?)c["batch"] == batch)?["img_s_median"]?.GetValue<double>();
}
