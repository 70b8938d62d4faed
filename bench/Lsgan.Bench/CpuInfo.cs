using System.Text.Json.Nodes;

namespace Lsgan.Bench;

/// <summary>
/// The CPU the bench ran on: its model name and the vector instruction sets that decide which kernels
/// libtorch, oneDNN, MKL and OpenBLAS pick, so that figures from two machines are never mixed up.
/// </summary>
public sealed record CpuInfo(string Model, IReadOnlyList<string> VectorFlags, int LogicalCores, int VectorBits)
{
    /// <summary>The /proc/cpuinfo flags that name SIMD width or its dot-product extensions.</summary>
    private static readonly string[] InterestingPrefixes = ["sse4_2", "avx", "fma", "amx", "f16c"];

    public static CpuInfo OfThisMachine()
    {
        string text = File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : "";
        return Parse(text, Environment.ProcessorCount, FmaPeak.Lanes * 32);
    }

    /// <summary>Reads the first processor's model name and flags from the text of /proc/cpuinfo.</summary>
    public static CpuInfo Parse(string procCpuinfo, int logicalCores, int vectorBits)
    {
        string model = "unknown", flags = "";
        foreach (string line in procCpuinfo.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            string key = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            if (key == "model name" && model == "unknown") model = value;
            if (key == "flags" && flags == "") flags = value;
        }
        var vectorFlags = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(flag => InterestingPrefixes.Any(flag.StartsWith))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new CpuInfo(model, vectorFlags, logicalCores, vectorBits);
    }

    public bool Has(string flag) => VectorFlags.Contains(flag);

    public JsonObject ToJson() => new()
    {
        ["model"] = Model,
        ["logical_cores"] = LogicalCores,
        ["fma_loop_vector_bits"] = VectorBits,
        ["flags"] = new JsonArray(VectorFlags.Select(f => (JsonNode)f).ToArray()),
    };

    public override string ToString() =>
        $"{Model}, {LogicalCores} logical cores, {(Has("avx512f") ? "AVX-512" : Has("avx2") ? "AVX2" : "no AVX2")} " +
        $"({string.Join(' ', VectorFlags)})";
}
