using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Lsgan.Bench;

/// <summary>
/// bench/pytorch_peer.py (plain PyTorch, the same step) kept running in --serve mode, so that its blocks can be
/// timed between ours: each request runs one block of a case there and answers its images/s.
/// </summary>
public sealed class PytorchPeer : IDisposable
{
    private readonly Process process;

    private PytorchPeer(Process process, JsonObject facts) => (this.process, Facts) = (process, facts);

    /// <summary>Environment variables removed from the peer's environment so that OpenBLAS chooses its kernel itself.</summary>
    public static readonly string[] PinningVariables = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

    /// <summary>Its torch version, BLAS, thread count, GEMM rates (2048² median, 4096² best) and the models' FLOPs.</summary>
    public JsonObject Facts { get; }

    /// <summary>Starts the peer; null (with the reason on stderr) when Python or its torch is missing.</summary>
    public static PytorchPeer? Start(string benchDirectory, int threads, int warmup)
    {
        // stderr is left to the console: the peer's own progress lines and, on failure, its reason.
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true };
        // A fair peer: OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE pin old OpenBLAS builds to one kernel (Haswell on the
        // machines that set them), which halves its GEMM on AVX-512 CPUs. Unset both, for the peer only, so that
        // OpenBLAS picks its own kernel (recorded in the facts' blas string as core=...).
        foreach (string name in PinningVariables) start.Environment.Remove(name);
        foreach (string arg in new[] { Path.Combine(benchDirectory, "pytorch_peer.py"), "--serve", "--threads", $"{threads}", "--warmup", $"{warmup}" })
            start.ArgumentList.Add(arg);
        try
        {
            var process = Process.Start(start)!;
            string? header = process.StandardOutput.ReadLine();
            if (header is null)
            {
                process.WaitForExit();
                Console.Error.WriteLine($"pytorch peer not run: it exited with code {process.ExitCode}");
                return null;
            }
            return new PytorchPeer(process, JsonNode.Parse(header)!.AsObject());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"pytorch peer not run: {e.Message}");
            return null;
        }
    }

    /// <summary>Times <paramref name="steps"/> steps of one case in the peer (built and warmed up on first use).</summary>
    public double RunBlock(string model, int batch, int steps)
    {
        process.StandardInput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{model} {batch} {steps}"));
        process.StandardInput.Flush();
        string answer = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the pytorch peer stopped answering");
        var reply = JsonNode.Parse(answer)!.AsObject();
        if (reply["finite"]?.GetValue<bool>() != true) throw new InvalidOperationException($"the pytorch peer's {model} losses are not finite");
        return reply["img_s"]!.GetValue<double>();
    }

    public void Dispose()
    {
        process.StandardInput.Close();
        process.WaitForExit();
        process.Dispose();
    }
}
