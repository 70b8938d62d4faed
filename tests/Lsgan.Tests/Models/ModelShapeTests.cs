using Lsgan.Models;
using static TorchSharp.torch;

namespace Lsgan.Tests.Models;

public class ModelShapeTests
{
    public static TheoryData<string, bool, bool> EveryModelAndBatchNormSetting()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (string kind in ModelFamilies.Names)
            foreach (bool g in new[] { true, false })
                foreach (bool d in new[] { true, false })
                    data.Add(kind, g, d);
        return data;
    }

    // The scene model at its smallest size keeps these fast; a conditional model gets ten classes.
    private static ModelConfig Config(string kind, bool gBatchNorm, bool dBatchNorm) =>
        new(kind, LatentDim: 16, ImageSize: kind == "paper-scene" ? 32 : null, GeneratorBatchNorm: gBatchNorm, DiscriminatorBatchNorm: dBatchNorm,
            Classes: ModelFamilies.Get(kind).Conditional ? 10 : 0);

    [Theory]
    [MemberData(nameof(EveryModelAndBatchNormSetting))]
    public void Generator_maps_z_to_images_in_minus1_1_and_discriminator_to_one_score(string kind, bool gBatchNorm, bool dBatchNorm)
    {
        var config = Config(kind, gBatchNorm, dBatchNorm);
        using var models = ModelFactory.Create(config, seed: 1);
        using var z = randn(5, 16);
        using var labels = config.Conditional ? arange(5, dtype: ScalarType.Int64) : null;

        using var images = Conditioning.Forward(models.Generator, z, labels);
        using var scores = Conditioning.Forward(models.Discriminator, images, labels);

        Assert.Equal(new long[] { 5, 1, config.ImageSize, config.ImageSize }, images.shape);
        Assert.True(images.abs().max().item<float>() <= 1f);
        Assert.Equal(new long[] { 5, 1 }, scores.shape);
    }

    [Theory]
    [MemberData(nameof(EveryModelAndBatchNormSetting))]
    public void Batch_norm_switch_adds_or_removes_batch_norm_layers(string kind, bool gBatchNorm, bool dBatchNorm)
    {
        var config = Config(kind, gBatchNorm, dBatchNorm);
        using var models = ModelFactory.Create(config, seed: 1);

        static bool HasBatchNorm(nn.Module m) => m.modules().Any(c => c is TorchSharp.Modules.BatchNorm1d or TorchSharp.Modules.BatchNorm2d);

        Assert.Equal(gBatchNorm, HasBatchNorm(models.Generator));
        Assert.Equal(dBatchNorm, HasBatchNorm(models.Discriminator));
    }

    [Fact]
    public void Weights_are_drawn_from_a_normal_with_std_0_02_and_the_same_seed_gives_the_same_weights()
    {
        var config = new ModelConfig("dcgan");
        using var first = ModelFactory.Create(config, seed: 7);
        using var second = ModelFactory.Create(config, seed: 7);

        var weights = first.Discriminator.named_parameters().Single(p => p.name == "features.conv2.weight").parameter;
        var twin = second.Discriminator.named_parameters().Single(p => p.name == "features.conv2.weight").parameter;

        // 64·128·4·4 = 131,072 draws: the sample std is within ~0.5 % of 0.02.
        Assert.Equal(0.02, weights.std().item<float>(), 0.0005);
        Assert.Equal(0.0, weights.mean().item<float>(), 0.0005);
        Assert.True(weights.equal(twin).all().item<bool>());
    }

    [Fact]
    public void Invalid_model_config_names_every_problem()
    {
        var config = new ModelConfig("resnet", LatentDim: 0);

        var error = Assert.Throws<LsganException>(() => ModelFactory.Create(config, 0));

        Assert.Contains("unknown model 'resnet'", error.Message);
        Assert.Contains("latent dim", error.Message);
    }
}
