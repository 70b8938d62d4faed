using Lsgan.Models;

namespace Lsgan.Export;

/// <summary>
/// Each model family's generator as a flat PyTorch <c>nn.Sequential</c>, the form a Python user builds in a few
/// lines: exported tensors are named by their index in it (<c>0.weight</c>, <c>2.running_mean</c>, …), as
/// PyTorch's <c>Sequential.state_dict()</c> names them.
/// </summary>
public static class PyTorchLayouts
{
    private static readonly Dictionary<string, Func<ModelConfig, IReadOnlyList<PyTorchLayer>>> Layouts = new()
    {
        ["mlp"] = Mlp,
        ["dcgan"] = Dcgan,
    };

    /// <summary>The generator of <paramref name="model"/> layer by layer; throws for a family with no layout.</summary>
    public static IReadOnlyList<PyTorchLayer> For(ModelConfig model) => Layouts.TryGetValue(model.Kind, out var layout)
        ? layout(model)
        : throw new LsganException($"The {model.Kind} model has no PyTorch export yet (exportable: {string.Join(", ", Layouts.Keys)}).");

    // MlpGenerator: z → (Linear → LeakyReLU(0.2) → BatchNorm1d with momentum 0.2) × 3 → Linear → tanh, viewed as images.
    private static IReadOnlyList<PyTorchLayer> Mlp(ModelConfig model)
    {
        var layers = new List<PyTorchLayer>();
        long width = model.LatentDim;
        foreach (long next in new long[] { 256, 512, 1024 })
        {
            layers.Add(new($"nn.Linear({width}, {next})", $"layers.linear{next}"));
            layers.Add(new("nn.LeakyReLU(0.2)"));
            if (model.GeneratorBatchNorm) layers.Add(new($"nn.BatchNorm1d({next}, eps=1e-05, momentum=0.2)", $"layers.bn{next}"));
            width = next;
        }
        layers.Add(new($"nn.Linear({width}, {model.Channels * model.ImageSize * model.ImageSize})", "layers.output"));
        layers.Add(new("nn.Tanh()"));
        layers.Add(new($"nn.Unflatten(1, ({model.Channels}, {model.ImageSize}, {model.ImageSize}))"));
        return layers;
    }

    // DcganGenerator: z → Linear → 128 x 7 x 7 → [BN] ReLU → deconv → 64 x 14 x 14 → [BN] ReLU → deconv → C x 28 x 28 → tanh.
    private static IReadOnlyList<PyTorchLayer> Dcgan(ModelConfig model)
    {
        var layers = new List<PyTorchLayer>
        {
            new($"nn.Linear({model.LatentDim}, 6272)", "project"),
            new("nn.Unflatten(1, (128, 7, 7))"),
        };
        if (model.GeneratorBatchNorm) layers.Add(new("nn.BatchNorm2d(128, eps=1e-05, momentum=0.1)", "upsample.bn0"));
        layers.Add(new("nn.ReLU()"));
        layers.Add(new("nn.ConvTranspose2d(128, 64, 4, stride=2, padding=1)", "upsample.deconv1"));
        if (model.GeneratorBatchNorm) layers.Add(new("nn.BatchNorm2d(64, eps=1e-05, momentum=0.1)", "upsample.bn1"));
        layers.Add(new("nn.ReLU()"));
        layers.Add(new($"nn.ConvTranspose2d(64, {model.Channels}, 4, stride=2, padding=1)", "upsample.deconv2"));
        layers.Add(new("nn.Tanh()"));
        return layers;
    }
}
