using Lsgan.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lsgan.Models;

/// <summary>Builds a generator/discriminator pair from a <see cref="ModelConfig"/> through its family in <see cref="ModelFamilies"/>.</summary>
public static class ModelFactory
{
    /// <summary>
    /// Builds both networks and draws their weights from N(0, 0.02) (batch-norm scales from N(1, 0.02),
    /// biases 0), as DCGAN and the LSGAN paper do, using a generator seeded with <paramref name="seed"/>
    /// so that the same seed gives the same initial weights.
    /// </summary>
    /// <param name="config">The architecture.</param>
    /// <param name="seed">Seeds the initial weights.</param>
    /// <param name="unfoldedImageLayers">
    /// Image-side layers through unfold/fold where the family has them (DCGAN's): faster on CPU than libtorch's
    /// ConvTranspose2d/Conv2d, with the same function and parameters.
    /// </param>
    public static GanModels Create(ModelConfig config, long seed, bool unfoldedImageLayers = true)
    {
        var errors = config.Validate();
        if (errors.Count > 0) throw new LsganException($"Invalid model: {string.Join("; ", errors)}.");
        var family = ModelFamilies.Get(config.Kind);
        var generator = family.Generator(config, unfoldedImageLayers);
        var discriminator = family.Discriminator(config, unfoldedImageLayers);
        using var random = new Generator((ulong)seed);
        InitialiseWeights(generator, random);
        InitialiseWeights(discriminator, random);
        return new GanModels(generator, discriminator);
    }

    /// <summary>Whether <paramref name="models"/> hold unfold/fold layers, i.e. whether its family's image-side layers have two forms.</summary>
    public static bool HasUnfoldedImageLayers(GanModels models) =>
        models.Generator.modules().Concat(models.Discriminator.modules()).Any(m => m is UnfoldedConv2d or FoldedConvTranspose2d);

    // Tensor.normal_ rather than nn.init.normal_: TorchSharp 0.107's init.normal_ ignores its generator.
    private static void InitialiseWeights(nn.Module module, Generator random)
    {
        using var noGrad = torch.no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            switch (child)
            {
                case Linear or Conv2d or ConvTranspose2d or UnfoldedConv2d or FoldedConvTranspose2d:
                    var (weight, bias) = WeightAndBias(child);
                    weight.normal_(0, 0.02, random);
                    if (bias is not null) nn.init.zeros_(bias);
                    break;
                case BatchNorm1d or BatchNorm2d:
                    var (scale, shift) = WeightAndBias(child);
                    scale.normal_(1, 0.02, random);
                    if (shift is not null) nn.init.zeros_(shift);
                    break;
            }
        }
    }

    private static (Tensor Weight, Tensor? Bias) WeightAndBias(nn.Module module)
    {
        var parameters = module.named_parameters(recurse: false).ToDictionary(p => p.name, p => (Tensor)p.parameter);
        return (parameters["weight"], parameters.GetValueOrDefault("bias"));
    }
}
