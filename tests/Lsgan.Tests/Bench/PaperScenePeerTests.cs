using System.Diagnostics;
using System.Text.Json.Nodes;
using Lsgan.Bench;
using Lsgan.Models;
using TorchSharp;

namespace Lsgan.Tests.Bench;

/// <summary>The bench's PyTorch peer builds the paper's scene net layer for layer as lsgan does.</summary>
public class PaperScenePeerTests
{
    /// <summary>Debian's Python, whose python3-torch the peer runs on (a python3 earlier on PATH may lack it).</summary>
    private const string DebianPython = "/usr/bin/python3";

    private static JsonObject Describe(string model)
    {
        string script = PeerScript();
        var start = new ProcessStartInfo(DebianPython) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in new[] { script, "--describe", model }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{DebianPython} {script} --describe {model} failed (python3-torch missing?):\n{stderr}");
        return JsonNode.Parse(stdout)!.AsObject();
    }

    // The repository's bench/pytorch_peer.py, found upwards from the test binaries.
    private static string PeerScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "bench", "pytorch_peer.py");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"bench/pytorch_peer.py above {AppContext.BaseDirectory}");
    }

    // Parameters then buffers, in registration order, as PyTorch lists them (the scalar batch counters left out).
    private static List<string> Shapes(torch.nn.Module module) =>
        [.. module.parameters().Select(p => (torch.Tensor)p).Concat(module.buffers()).Where(t => t.dim() > 0)
            .Select(t => string.Join(",", t.shape))];

    private static List<string> Shapes(JsonNode list) =>
        [.. list.AsArray().Select(shape => string.Join(",", shape!.AsArray().Select(d => (long)d!)))];

    [Theory]
    [InlineData(64)]
    [InlineData(112)]
    public void Given_the_scene_case_of_a_size_when_the_peer_describes_its_nets_then_shapes_and_MACs_equal_ours(int size)
    {
        var config = ThroughputBench.SceneConfig(size, 64);
        using var models = ModelFactory.Create(config.Model, 0);

        var peer = Describe(PaperSceneBench.PeerCase(size));

        Assert.Equal(Shapes(peer["generator"]!), Shapes(models.Generator));
        Assert.Equal(Shapes(peer["discriminator"]!), Shapes(models.Discriminator));
        Assert.Equal((long)peer["g_fwd_macs"]!, FlopCounter.ForwardMacs(models.Generator, config.Model.LatentDim));
        Assert.Equal((long)peer["d_fwd_macs"]!, FlopCounter.ForwardMacs(models.Discriminator, 3, size, size));
        // A hand count of D: 5x5 convolutions 3→64, 64→128, 128→256, 256→512 at S/2 … S/16 outputs, and 512·(S/16)²→1.
        long s = size;
        long discriminator = 25 * (s / 2 * (s / 2) * 3 * 64 + s / 4 * (s / 4) * 64 * 128 + s / 8 * (s / 8) * 128 * 256
            + s / 16 * (s / 16) * 256 * 512) + 512 * (s / 16) * (s / 16);
        Assert.Equal(discriminator, (long)peer["d_fwd_macs"]!);
    }
}
