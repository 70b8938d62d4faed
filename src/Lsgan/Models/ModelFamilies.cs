namespace Lsgan.Models;

/// <summary>
/// Every network family by name: the one place a model is registered (its networks live in files of their own).
/// An unknown name is an error everywhere, never a fallback to another family.
/// </summary>
public static class ModelFamilies
{
    public static IReadOnlyList<ModelFamily> All { get; } =
    [
        new("mlp", "Keras-GAN's LSGAN layers (fully connected; N(0, 0.02) weights and PyTorch's batch norm)",
            DiscriminatorBatchNorm: false,
            (config, _) => new MlpGenerator(config), (config, _) => new MlpDiscriminator(config))
        {
            Hidden = (MlpGenerator.DefaultHidden, MlpDiscriminator.DefaultHidden),
        },
        new("dcgan", "DCGAN-style convolutions for 28x28 images",
            DiscriminatorBatchNorm: true,
            (config, unfolded) => new DcganGenerator(config, unfolded), (config, unfolded) => new DcganDiscriminator(config, unfolded))
        {
            ImageSizes = [28],
        },
        // The authors' LSUN networks and settings (xudonmao/LSGAN, vgg.py and train_lsun.py): z ~ U(-1, 1)^1024, Adam 1e-3.
        new("paper-scene", "the LSGAN paper's scene networks (LSUN, 112x112; also 64 and 32)",
            DiscriminatorBatchNorm: true,
            (config, _) => new PaperSceneGenerator(config), (config, _) => new PaperSceneDiscriminator(config))
        {
            ImageSizes = [112, 64, 32],
            LatentDim = 1024,
            Latent = LatentDistribution.Uniform,
            LearningRate = 1e-3,
        },
        // The authors' handwritten-Chinese networks (xudonmao/LSGAN, mcgan.py and train_chn.py): z ~ U(-1, 1)^1024, Adam 2e-4.
        new("paper-conditional", "the LSGAN paper's class-conditional networks (28x28, a label through a linear map in G and D)",
            DiscriminatorBatchNorm: true,
            (config, _) => new PaperConditionalGenerator(config), (config, _) => new PaperConditionalDiscriminator(config))
        {
            ImageSizes = [28],
            LatentDim = 1024,
            Latent = LatentDistribution.Uniform,
            Conditional = true,
        },
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(family => family.Name)];

    /// <summary>The family called <paramref name="name"/>, or null.</summary>
    public static ModelFamily? Find(string name) => All.FirstOrDefault(family => family.Name == name);

    /// <summary>The family called <paramref name="name"/>; throws <see cref="LsganException"/> for any other name.</summary>
    public static ModelFamily Get(string name) =>
        Find(name) ?? throw new LsganException($"Unknown model '{name}' (expected one of: {string.Join(", ", Names)}).");
}
