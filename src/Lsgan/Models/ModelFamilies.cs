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
            DiscriminatorBatchNorm: false, ImageSize: null,
            (config, _) => new MlpGenerator(config), (config, _) => new MlpDiscriminator(config)),
        new("dcgan", "DCGAN-style convolutions for 28x28 images",
            DiscriminatorBatchNorm: true, ImageSize: 28,
            (config, unfolded) => new DcganGenerator(config, unfolded), (config, unfolded) => new DcganDiscriminator(config, unfolded)),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(family => family.Name)];

    /// <summary>The family called <paramref name="name"/>, or null.</summary>
    public static ModelFamily? Find(string name) => All.FirstOrDefault(family => family.Name == name);

    /// <summary>The family called <paramref name="name"/>; throws <see cref="LsganException"/> for any other name.</summary>
    public static ModelFamily Get(string name) =>
        Find(name) ?? throw new LsganException($"Unknown model '{name}' (expected one of: {string.Join(", ", Names)}).");
}
