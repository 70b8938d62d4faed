using System.Text.Json;
using System.Text.Json.Nodes;
using Lsgan.Bench;
using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

// Usage: dotnet run -c Release --project bench/Lsgan.Bench [-- --threads N] [--quick] [--no-peer] [--long-steps N]
// Measures, in one run: our training loop and the PyTorch peer per model and batch, the GEMM ceiling,
// memory over a long run and evaluation time; writes bench/results.json and bench/results.md.
// With --mixture [--threads N] [--blocks B] [--steps S] [--no-peer] it only compares lsgan mixture's step with the
// peer's (results-mixture.json and .md).
// With --step-profile [--batch B] [--steps N] it only times the phases and layers of a training step.
// With --kernel-paths it runs the step profile with oneDNN's and MKL's verbose logs and writes bench/kernel-paths.md.
// With --paper-scene [--threads N] [--quick] [--no-peer] [--batch B] [--sizes 64,112] it only measures the paper's scene
// net beside the peer's (results-paper-scene.json and .md).
// With --peak it only prints the CPU, the FMA-loop rate and libtorch's GEMM rate.
// With --evaluate-profile [--count N] [--repeats R] it only times each stage of 'lsgan evaluate'.
var arguments = args.ToList();
Lsgan.Runtime.NativeAllocator.KeepFreedMemory();
int threads = IntArgument("--threads", Environment.ProcessorCount);
if (arguments.Contains("--evaluate-profile"))
{
    return EvaluateProfile.Run(threads, IntArgument("--count", 10_000), IntArgument("--repeats", 1));
}

if (arguments.Contains("--feature-candidates"))
{
    string dataset = arguments.IndexOf("--dataset") is >= 0 and var at ? arguments[at + 1] : "fashion-mnist";
    int count = IntArgument("--count", 2000);
    return FeatureCandidates.Run(dataset, count, threads, Path.Combine(FindBenchDirectory(), "..", "docs", $"feature-candidates-{dataset}.md"));
}

if (arguments.Contains("--step-profile"))
{
    int batchSize = IntArgument("--batch", 64), profileSteps = IntArgument("--steps", 50);
    foreach (string model in new[] { "mlp", "dcgan" }) StepProfile.Run(model, batchSize, threads, profileSteps);
    return 0;
}

if (arguments.Contains("--kernel-paths"))
{
    string benchDll = typeof(KernelPaths).Assembly.Location;
    return KernelPaths.Run(benchDll, threads, Path.Combine(FindBenchDirectory(), "kernel-paths.md"));
}

if (arguments.Contains("--peak"))
{
    // Only the machine's limits: CPU, FMA loop, libtorch's GEMM (a few seconds).
    set_num_threads(threads);
    Console.WriteLine($"CPU: {CpuInfo.OfThisMachine()}");
    Console.WriteLine($"FMA loop ({FmaPeak.Lanes * 32}-bit, {threads} threads): {FmaPeak.Measure(threads):F1} GFLOP/s");
    Console.WriteLine($"GEMM 4096² through libtorch: best {GemmRate.Measure(4096, 5).Max:F1} GFLOP/s");
    return 0;
}

if (arguments.Contains("--mixture"))
{
    // lsgan mixture's step beside the peer's, alone: at 1 thread by default, as lsgan mixture runs.
    int mixtureThreads = IntArgument("--threads", 1);
    set_num_threads(mixtureThreads);
    bool withPeer = !arguments.Contains("--no-peer");
    using var mixturePeer = withPeer ? PytorchPeer.Start(FindBenchDirectory(), mixtureThreads, 20) : null;
    var row = MixtureBench.Measure(mixturePeer, warmup: 20, blocks: IntArgument("--blocks", 7), stepsPerBlock: IntArgument("--steps", 100));
    StampDateAndPeer(row, mixturePeer);
    return WriteResults("results-mixture", row, ResultsMarkdown.RenderMixture(row));
}

if (arguments.IndexOf("--case") is >= 0 and var caseAt && caseAt + 1 < arguments.Count)
{
    // One case over many blocks, every block kept (e.g. --case mlp:64 --blocks 30).
    string[] parts = arguments[caseAt + 1].Split(':');
    string caseModel = parts[0];
    int caseBatch = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    set_num_threads(threads);
    using var casePeer = arguments.Contains("--no-peer") ? null : PytorchPeer.Start(FindBenchDirectory(), threads, 20);
    var caseRow = CaseBench.Measure(caseModel, caseBatch, casePeer, warmup: 20, blocks: IntArgument("--blocks", 30), stepsPerBlock: IntArgument("--steps", 150));
    StampDateAndPeer(caseRow, casePeer);
    return WriteResults($"results-{caseModel}-{caseBatch}", caseRow, CaseBench.Render(caseRow));
}

bool quick = arguments.Contains("--quick");
bool runPeer = !arguments.Contains("--no-peer");
if (arguments.Contains("--paper-scene"))
{
    int[] sizes = arguments.IndexOf("--sizes") is >= 0 and var at && at + 1 < arguments.Count
        ? [.. arguments[at + 1].Split(',').Select(int.Parse)] : PaperSceneBench.Sizes;
    var row = PaperSceneBench.Run(FindBenchDirectory(), threads, quick, runPeer, IntArgument("--batch", 64), sizes);
    return WriteResults(quick ? "results-paper-scene-quick" : "results-paper-scene", row, ResultsMarkdown.RenderPaperScene(row));
}

long longSteps = IntArgument("--long-steps", quick ? 200 : 10_000);
string benchDirectory = FindBenchDirectory();

set_num_threads(threads);
int warmup = quick ? 3 : 20, blocks = quick ? 2 : 5;
var stepsPerBlock = new Dictionary<(string, int), int>
{
    [("mlp", 64)] = 150, [("mlp", 256)] = 40, [("dcgan", 64)] = 40, [("dcgan", 256)] = 10,
};
string[] modelNames = ["mlp", "dcgan"];
int[] batchSizes = [64, 256];

// The physical limit first, before libtorch's OpenMP threads exist to spin beside the loop.
var cpu = CpuInfo.OfThisMachine();
double fmaPeak = FmaPeak.Measure(threads, quick ? 5_000_000 : 50_000_000);
Console.Error.WriteLine($"CPU: {cpu}");
Console.Error.WriteLine($"FMA loop ({FmaPeak.Lanes * 32}-bit, {threads} threads): {fmaPeak:F1} GFLOP/s");

using var images = rand(60_000, 1, 28, 28) * 2 - 1;
var gemm = GemmRate.Measure();
Console.Error.WriteLine($"GEMM 2048²: {gemm.Median:F1} GFLOP/s (min {gemm.Min:F1}, max {gemm.Max:F1}) at {threads} threads");
var largeGemm = GemmRate.Measure(quick ? 1024 : 4096, quick ? 2 : 5);
Console.Error.WriteLine($"GEMM {(quick ? 1024 : 4096)}² through libtorch: best {largeGemm.Max:F1} GFLOP/s");

using var peer = runPeer ? PytorchPeer.Start(benchDirectory, threads, warmup) : null;
double? peerPeakGemm = peer?.Facts["peak_gemm"]?["max"]?.GetValue<double>();
var peak = MachinePeak.Choose(fmaPeak, largeGemm.Max, peerPeakGemm);
Console.Error.WriteLine($"peak: {peak.Gflops:F1} GFLOP/s ({peak.Source})");

var cases = new JsonArray();
foreach (string model in modelNames)
{
    using var models = ModelFactory.Create(ThroughputBench.Config(model, 64).Model, 0);
    long gMacs = FlopCounter.ForwardMacs(models.Generator, 100), dMacs = FlopCounter.ForwardMacs(models.Discriminator, 1, 28, 28);
    foreach (int batch in batchSizes)
    {
        int steps = quick ? 5 : stepsPerBlock[(model, batch)];
        var ours = ThroughputBench.Measure(model, batch, images, warmup, blocks, steps,
            peerBlock: peer is null ? null : n => peer.RunBlock(model, batch, n));
        var row = ThroughputBench.Row(model, batch, ours, gMacs, dMacs, peak.Gflops, steps, blocks);
        cases.Add(row);
        Console.Error.WriteLine(row.ToJsonString());
    }
}

// Optimisations measured side by side: name, model, batch, and the step options with it on and off.
var variants = new JsonArray();
StepOptions Options(Func<StepOptions, StepOptions> change) => change(new StepOptions());
foreach (var (name, model, batch, on, off) in new (string, string, int, StepOptions, StepOptions)[]
{
    ("joint D pass (no BN in D)", "mlp", 64, Options(s => s with { JointDiscriminatorPass = true }), Options(s => s with { JointDiscriminatorPass = false })),
    ("D frozen during G update", "mlp", 64, Options(s => s with { FreezeDiscriminatorForGenerator = true }), Options(s => s with { FreezeDiscriminatorForGenerator = false })),
    ("D frozen during G update", "dcgan", 64, Options(s => s with { FreezeDiscriminatorForGenerator = true }), Options(s => s with { FreezeDiscriminatorForGenerator = false })),
    ("gradients dropped, not zeroed", "mlp", 64, Options(s => s with { ClearGradientsToNone = true }), Options(s => s with { ClearGradientsToNone = false })),
    ("gradients dropped, not zeroed", "dcgan", 64, Options(s => s with { ClearGradientsToNone = true }), Options(s => s with { ClearGradientsToNone = false })),
    ("fused Adam", "mlp", 64, Options(s => s with { FusedAdam = true }), Options(s => s with { FusedAdam = false })),
    ("fused Adam", "dcgan", 64, Options(s => s with { FusedAdam = true }), Options(s => s with { FusedAdam = false })),
    ("unfold/fold image-side layers", "dcgan", 64, Options(s => s with { UnfoldedImageLayers = true }), Options(s => s with { UnfoldedImageLayers = false })),
})
{
    int steps = quick ? 5 : stepsPerBlock[(model, batch)];
    var config = ThroughputBench.Config(model, batch);
    var (with, without) = ThroughputBench.CompareOption(config, on, off, images, warmup, 2 * blocks, steps);
    var row = new JsonObject
    {
        ["optimisation"] = name, ["model"] = model, ["batch"] = batch,
        ["with_img_s"] = Math.Round(with.Median, 1), ["without_img_s"] = Math.Round(without.Median, 1),
        ["speedup"] = Math.Round(with.Median / without.Median, 3),
    };
    variants.Add(row);
    Console.Error.WriteLine(row.ToJsonString());
}

var mixture = MixtureBench.Measure(peer, warmup, blocks, quick ? 5 : 100);
var memory = MemoryBench.Measure("mlp", 64, images, longSteps);
Console.Error.WriteLine($"memory over {memory.Steps} mlp steps: {memory.StartMb:F0} → {memory.EndMb:F0} MB (peak {memory.PeakMb:F0})");
double evaluateSeconds = EvaluateBench.MeasureSeconds(images);
Console.Error.WriteLine($"evaluate 10,000 samples: {evaluateSeconds:F1} s");

var result = new JsonObject
{
    ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm") + " UTC",
    ["threads"] = threads,
    ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
    ["cpu"] = cpu.ToJson(),
    ["peak_gflops"] = Math.Round(peak.Gflops, 1),
    ["peak_source"] = peak.Source,
    ["fma_loop_gflops"] = Math.Round(fmaPeak, 1),
    ["libtorch_gemm_large_best_gflops"] = Math.Round(largeGemm.Max, 1),
    ["pytorch_gemm_large_best_gflops"] = peerPeakGemm is null ? null : Math.Round(peerPeakGemm.Value, 1),
    ["pytorch_env_removed"] = new JsonArray(PytorchPeer.PinningVariables.Select(v => (JsonNode)v).ToArray()),
    ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(),
    ["gemm_gflops"] = Math.Round(gemm.Median, 1), ["gemm_gflops_min"] = Math.Round(gemm.Min, 1), ["gemm_gflops_max"] = Math.Round(gemm.Max, 1),
    ["pytorch_version"] = peer?.Facts["torch_version"]?.DeepClone(), ["pytorch_blas"] = peer?.Facts["blas"]?.DeepClone(),
    ["pytorch_gemm_gflops"] = peer?.Facts["gemm_gflops"] is { } peerGemm ? Math.Round(peerGemm.GetValue<double>(), 1) : null,
    ["cases"] = cases,
    ["variants"] = variants,
    ["mixture"] = mixture,
    ["memory"] = new JsonObject
    {
        ["model"] = memory.Model, ["batch"] = memory.Batch, ["steps"] = memory.Steps,
        ["start_mb"] = Math.Round(memory.StartMb), ["end_mb"] = Math.Round(memory.EndMb), ["peak_mb"] = Math.Round(memory.PeakMb),
        ["samples"] = new JsonArray(memory.Samples.Select(s => (JsonNode)new JsonArray(s.Step, Math.Round(s.Mb))).ToArray()),
    },
    ["evaluate_10k_seconds"] = Math.Round(evaluateSeconds, 2),
};
return WriteResults(quick ? "results-quick" : "results", result, ResultsMarkdown.Render(result));

/// <summary>Writes bench/NAME.json and bench/NAME.md and prints the Markdown; the exit code.</summary>
int WriteResults(string name, JsonObject row, string markdown)
{
    string path = Path.Combine(FindBenchDirectory(), name);
    File.WriteAllText(path + ".json", row.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    File.WriteAllText(path + ".md", markdown);
    Console.WriteLine(markdown);
    return 0;
}

/// <summary>When the row was measured and against which PyTorch (null without the peer).</summary>
static void StampDateAndPeer(JsonObject row, PytorchPeer? peer)
{
    row["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm") + " UTC";
    row["pytorch_version"] = peer?.Facts["torch_version"]?.DeepClone();
    row["pytorch_blas"] = peer?.Facts["blas"]?.DeepClone();
}

int IntArgument(string name, int fallback)
{
    int index = arguments.IndexOf(name);
    return index >= 0 && index + 1 < arguments.Count && int.TryParse(arguments[index + 1], out int value) ? value : fallback;
}

static string FindBenchDirectory()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "bench", "pytorch_peer.py"))) return Path.Combine(dir.FullName, "bench");
    }
    return Path.Combine(Directory.GetCurrentDirectory(), "bench");
}
