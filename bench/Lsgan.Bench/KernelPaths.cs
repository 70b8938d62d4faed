using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Lsgan.Bench;

/// <summary>
/// Which libtorch code paths a training step takes on this CPU: runs the step profile once in a child process
/// with oneDNN's and MKL's verbose logs on (ONEDNN_VERBOSE=1, MKL_VERBOSE=1; both libraries read them when they
/// load), then sums the calls by primitive, implementation and shape. oneDNN names the instruction set of each
/// kernel it JIT-compiles (e.g. jit:avx2, brg:avx512_core); MKL's GEMMs name only their shapes, and oneDNN's
/// header line names the widest ISA it found.
/// </summary>
public static class KernelPaths
{
    public sealed record Call(string Library, string Kernel, string Shape, int Count, double TotalMs);

    public static int Run(string benchDll, int threads, string outputPath)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { benchDll, "--step-profile", "--steps", "2", "--threads", $"{threads}" }) start.ArgumentList.Add(arg);
        start.Environment["ONEDNN_VERBOSE"] = "1";
        start.Environment["MKL_VERBOSE"] = "1";
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        string log = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        log += stderr.Result;
        if (child.ExitCode != 0)
        {
            Console.Error.WriteLine($"kernel paths: the step profile exited with code {child.ExitCode}");
            return 1;
        }
        string report = Render(CpuInfo.OfThisMachine(), log);
        File.WriteAllText(outputPath, report);
        Console.WriteLine(report);
        return 0;
    }

    /// <summary>The oneDNN/MKL lines of <paramref name="log"/> summed by library, kernel and shape, most time first.</summary>
    public static IReadOnlyList<Call> Summarise(string log)
    {
        var calls = new Dictionary<(string, string, string), (int Count, double Ms)>();
        foreach (string line in log.Split('\n'))
        {
            if ((ParseOneDnn(line) ?? ParseMkl(line)) is not { } call) continue;
            var key = (call.Library, call.Kernel, call.Shape);
            var sum = calls.GetValueOrDefault(key);
            calls[key] = (sum.Count + 1, sum.Ms + call.TotalMs);
        }
        return calls.Select(c => new Call(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value.Count, c.Value.Ms))
            .OrderByDescending(c => c.TotalMs).ToList();
    }

    // onednn_verbose,v1,primitive,exec,cpu,<primitive>,<implementation>,<propagation>,<memory descriptors>,<attributes>,<algorithm>,<shape>,<ms>
    private static Call? ParseOneDnn(string line)
    {
        if (!line.StartsWith("onednn_verbose,") || !line.Contains(",primitive,exec,")) return null;
        var fields = line.Trim().Split(',');
        if (fields.Length < 13 || !double.TryParse(fields[^1], CultureInfo.InvariantCulture, out double ms)) return null;
        string propagation = fields[7] == "undef" ? "" : $" {fields[7]}";
        return new Call("oneDNN", $"{fields[5]} {fields[6]}{propagation}", fields[^2], 1, ms);
    }

    // MKL_VERBOSE SGEMM(T,N,256,64,100,...) 60.19ms CNR:OFF ...
    private static Call? ParseMkl(string line)
    {
        if (!line.StartsWith("MKL_VERBOSE ") || !line.Contains('(')) return null;
        int open = line.IndexOf('('), close = line.IndexOf(')', open);
        if (close < 0) return null;
        string function = line[12..open];
        var arguments = line[(open + 1)..close].Split(',');
        string shape = function == "SGEMM" && arguments.Length >= 5 ? $"{arguments[0]}{arguments[1]} m{arguments[2]} n{arguments[3]} k{arguments[4]}" : "";
        string time = line[(close + 1)..].Trim().Split(' ')[0];
        return new Call("MKL", function, shape, 1, ParseDuration(time));
    }

    /// <summary>MKL's durations: "1.14s", "60.19ms", "747.03us", "12ns".</summary>
    public static double ParseDuration(string text)
    {
        foreach (var (suffix, ms) in new[] { ("ms", 1.0), ("us", 1e-3), ("ns", 1e-6), ("s", 1e3) })
        {
            if (text.EndsWith(suffix) && double.TryParse(text[..^suffix.Length], CultureInfo.InvariantCulture, out double value)) return value * ms;
        }
        return 0;
    }

    public static string Render(CpuInfo cpu, string log)
    {
        var text = new StringBuilder();
        text.AppendLine("# libtorch kernel paths of the training step");
        text.AppendLine();
        text.AppendLine($"CPU: {cpu}. Made by `dotnet run -c Release --project bench/Lsgan.Bench -- --kernel-paths` ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC): " +
            "the step profile (mlp and dcgan, batch 64: whole steps, then each layer alone) with ONEDNN_VERBOSE=1 and MKL_VERBOSE=1.");
        text.AppendLine();
        foreach (string header in log.Split('\n').Where(l => l.StartsWith("onednn_verbose,v1,info,") || (l.StartsWith("MKL_VERBOSE ") && !l.Contains('('))))
            text.AppendLine($"- `{header.Trim()}`");
        text.AppendLine();
        text.AppendLine("Times are as the libraries log them, with logging on (it slows every call): compare kernels, calls and shapes between CPUs, not the times. " +
            "oneDNN's reorders convert libtorch's plain NCHW tensors to its blocked layouts (aBcd8b with AVX2, aBcd16b with AVX-512) and back around every convolution.");
        text.AppendLine();
        text.AppendLine("| library | kernel | shape | calls | total ms |");
        text.AppendLine("| --- | --- | --- | ---: | ---: |");
        foreach (var call in Summarise(log).Take(40))
            text.AppendLine($"| {call.Library} | {call.Kernel} | {call.Shape} | {call.Count} | {call.TotalMs:F1} |");
        return text.ToString();
    }
}
