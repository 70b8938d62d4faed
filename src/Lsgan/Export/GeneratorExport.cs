using Lsgan.IO;
using Lsgan.Training;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Lsgan.Export;

/// <summary>
/// Writes a trained generator's weights under the names of its PyTorch <c>nn.Sequential</c> (see
/// <see cref="PyTorchLayouts"/>) as safetensors or a <c>torch.save</c> state dict, with an <see cref="ExportManifest"/>
/// JSON beside them.
/// </summary>
public static class GeneratorExport
{
    /// <summary>The formats by name, with the file extension each writes.</summary>
    public static IReadOnlyDictionary<string, string> Formats { get; } = new Dictionary<string, string>
    {
        ["safetensors"] = ".safetensors",
        ["pt"] = ".pt",
    };

    /// <summary>
    /// Writes <paramref name="weightsPath"/> in <paramref name="format"/> and the manifest at the same path with
    /// the extension .json; both replace earlier files only once complete. Returns the manifest's path.
    /// </summary>
    public static string Write(TrainedGenerator generator, string format, string weightsPath)
    {
        if (!Formats.ContainsKey(format))
            throw new LsganException($"Unknown export format '{format}' (expected one of: {string.Join(", ", Formats.Keys)}).");
        if (Path.GetExtension(weightsPath).Equals(".json", StringComparison.OrdinalIgnoreCase))
            throw new LsganException($"{weightsPath}: the weights file cannot end in .json, which names the JSON written beside it.");
        var layers = PyTorchLayouts.For(generator.Model);
        var ours = generator.StateDict();
        var renamed = Rename(ours, layers);
        AtomicFile.Write(weightsPath, temporary =>
        {
            using var stream = File.Create(temporary);
            if (format == "safetensors") Safetensors.SaveStateDict(stream, renamed, leaveOpen: true);
            else PyTorchPickler.PickleStateDict(stream, renamed, leaveOpen: true);
            stream.Flush(flushToDisk: true);
        });

        var model = generator.Model;
        var manifest = new ExportManifest(
            Format: "lsgan-generator/1",
            Weights: Path.GetFileName(weightsPath),
            Model: model.Kind,
            LatentDim: model.LatentDim,
            Channels: model.Channels,
            ImageSize: model.ImageSize,
            GeneratorBatchNorm: model.GeneratorBatchNorm,
            OutputRange: [-1, 1],
            OutputShape: [model.Channels, model.ImageSize, model.ImageSize],
            Layers: [.. layers.Select(layer => layer.Python)],
            Note: "Call .eval() before sampling: batch norm then uses the running statistics saved with the weights, as lsgan does.",
            Dataset: generator.Config.Dataset,
            Loss: generator.Config.Loss.Kind,
            Step: generator.State.Step);
        string manifestPath = Path.ChangeExtension(weightsPath, ".json");
        Json.WriteFile(manifestPath, manifest);
        return manifestPath;
    }

    /// <summary>
    /// Our keys (<c>layers.bn256.running_mean</c>) as the Sequential's (<c>2.running_mean</c>); every tensor must be
    /// claimed by exactly one layer, so a generator that changed without its layout fails here rather than in Python.
    /// </summary>
    internal static Dictionary<string, Tensor> Rename(IReadOnlyDictionary<string, Tensor> ours, IReadOnlyList<PyTorchLayer> layers)
    {
        var renamed = new Dictionary<string, Tensor>();
        var claimed = new HashSet<string>();
        for (int index = 0; index < layers.Count; index++)
        {
            if (layers[index].Source is not { } source) continue;
            var keys = ours.Keys.Where(key => key.StartsWith(source + ".", StringComparison.Ordinal)).ToList();
            if (keys.Count == 0) throw new LsganException($"The generator has no tensors under '{source}', which its PyTorch layout expects.");
            foreach (string key in keys)
            {
                renamed[$"{index}.{key[(source.Length + 1)..]}"] = ours[key].contiguous();
                claimed.Add(key);
            }
        }
        var left = ours.Keys.Where(key => !claimed.Contains(key)).ToList();
        if (left.Count > 0) throw new LsganException($"The PyTorch layout of the generator leaves out {string.Join(", ", left)}.");
        return renamed;
    }
}
