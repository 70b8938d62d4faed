using Lsgan.Models;
using static TorchSharp.torch;

namespace Lsgan.Tests.Models;

/// <summary>The paper's scene and conditional networks: shapes, parameter counts from the authors' layer lists, labels, defaults.</summary>
public class PaperModelsTests
{
    private static long Parameters(nn.Module module) => module.parameters().Sum(p => p.numel());

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(112)]
    public void Given_the_scene_model_at_a_size_when_run_then_G_draws_colour_images_of_that_size_in_tanh_range_and_D_scores_each(int size)
    {
        using var scope = NewDisposeScope();
        var config = new ModelConfig("paper-scene", Channels: 3, ImageSize: size);
        using var models = ModelFactory.Create(config, seed: 1);
        using var random = new Generator(2);

        var images = models.Generator.forward(LatentDistribution.Sample(config, 2, random));
        var scores = models.Discriminator.forward(images);

        Assert.Equal([2L, 3, size, size], images.shape);
        Assert.True(images.abs().max().item<float>() <= 1f);
        Assert.Equal([2L, 1], scores.shape);
    }

    [Fact]
    public void Given_the_scene_model_at_64_when_its_parameters_are_counted_then_they_are_the_authors_layers_by_hand()
    {
        using var models = ModelFactory.Create(new ModelConfig("paper-scene", Channels: 3, ImageSize: 64), seed: 1);
        static long Deconv(long i, long o) => i * o * 9 + o;
        static long Conv(long i, long o) => i * o * 25 + o;
        // linear 1024 → 256·4·4, then BN (scale and shift) after it and after every transposed convolution but the last.
        long g = 1024 * 4096 + 4096 + 2 * 256
            + 4 * (Deconv(256, 256) + 2 * 256) + Deconv(256, 128) + 2 * 128 + Deconv(128, 64) + 2 * 64 + Deconv(64, 3);
        // No BN after the first convolution; linear 512·4·4 → 1.
        long d = Conv(3, 64) + Conv(64, 128) + 2 * 128 + Conv(128, 256) + 2 * 256 + Conv(256, 512) + 2 * 512 + 512 * 16 + 1;

        Assert.Equal(g, Parameters(models.Generator));
        Assert.Equal(d, Parameters(models.Discriminator));
    }

    [Fact]
    public void Given_no_choices_when_a_paper_config_is_made_then_it_takes_the_authors_z_image_size_and_latent_distribution()
    {
        var scene = new ModelConfig("paper-scene", Channels: 3);
        var conditional = new ModelConfig("paper-conditional", Classes: 10);

        Assert.Equal((1024, 112, LatentDistribution.Uniform), (scene.LatentDim, scene.ImageSize, scene.Latent));
        Assert.Equal((1024, 28, LatentDistribution.Uniform), (conditional.LatentDim, conditional.ImageSize, conditional.Latent));
        Assert.Equal(LatentDistribution.Normal, new ModelConfig("dcgan").Latent);
        Assert.Empty(scene.Validate());
        Assert.Empty(conditional.Validate());
    }

    [Fact]
    public void Given_a_size_or_labels_a_model_cannot_take_when_validated_then_each_is_named()
    {
        Assert.Contains(new ModelConfig("paper-scene", ImageSize: 28).Validate(), e => e.Contains("112x112, 64x64, 32x32 images, not 28x28"));
        Assert.Contains(new ModelConfig("paper-conditional").Validate(), e => e.Contains("needs a labelled dataset"));
        Assert.Contains(new ModelConfig("dcgan", Classes: 10).Validate(), e => e.Contains("takes no class labels"));
        Assert.Contains(new ModelConfig("dcgan", GeneratorHidden: [128]).Validate(), e => e.Contains("layers are fixed"));
        Assert.Contains(new ModelConfig("mlp", DiscriminatorHidden: [0]).Validate(), e => e.Contains("D's hidden widths"));
    }

    [Fact]
    public void Given_the_conditional_model_when_its_parameters_are_counted_then_they_are_the_authors_layers_by_hand()
    {
        using var models = ModelFactory.Create(new ModelConfig("paper-conditional", Classes: 10), seed: 1);
        long phi = 10 * 256 + 256;
        long g = phi + (1024 + 256) * 6272 + 6272 + 2 * 6272 + 128 * 128 * 25 + 128 + 2 * 128 + 128 * 1 * 25 + 1;
        // conv 1 → 1 + 256 channels; conv (257 + 256) → 64 + 256, BN; linear (320·7·7 + 256) → 1024, BN; linear 1024 + 256 → 1.
        long d = phi + 1 * 257 * 25 + 257 + 513 * 320 * 25 + 320 + 2 * 320 + (320 * 49 + 256) * 1024 + 1024 + 2 * 1024 + 1280 + 1;

        Assert.Equal(g, Parameters(models.Generator));
        Assert.Equal(d, Parameters(models.Discriminator));
    }

    [Fact]
    public void Given_the_conditional_model_when_the_label_changes_then_the_image_and_the_score_change_and_without_labels_it_refuses()
    {
        using var scope = NewDisposeScope();
        var config = new ModelConfig("paper-conditional", LatentDim: 8, Classes: 10);
        using var models = ModelFactory.Create(config, seed: 1);
        models.Generator.eval();
        models.Discriminator.eval();
        using var random = new Generator(3);
        var z = LatentDistribution.Sample(config, 2, random).repeat(2, 1);
        var labels = tensor(new long[] { 3, 3, 7, 7 });

        var images = Conditioning.Forward(models.Generator, z, labels);
        var scores = Conditioning.Forward(models.Discriminator, images, labels);

        Assert.Equal([4L, 1, 28, 28], images.shape);
        // 2·sigmoid − 1: inside (−1, 1).
        Assert.True(images.abs().max().item<float>() < 1f);
        Assert.Equal([4L, 1], scores.shape);
        Assert.True(images[..2].sub(images[2..]).abs().max().item<float>() > 1e-4f, "class 3 and class 7 drew the same images");
        Assert.Throws<LsganException>(() => models.Generator.forward(z));
        Assert.Throws<LsganException>(() => Conditioning.Forward(models.Discriminator, images, null));
    }

    [Fact]
    public void Given_hidden_widths_when_the_mlp_is_built_then_its_layers_have_them_and_the_default_keeps_the_old_checkpoint_keys()
    {
        var minimal = new ModelConfig("mlp", LatentDim: 10, GeneratorHidden: [128], DiscriminatorHidden: [128, 128]);
        using var small = ModelFactory.Create(minimal, seed: 1);
        using var standard = ModelFactory.Create(new ModelConfig("mlp"), seed: 1);

        Assert.Equal(10 * 128 + 128 + 2 * 128 + 128 * 784 + 784, Parameters(small.Generator));
        Assert.Equal(784 * 128 + 128 + 128 * 128 + 128 + 128 + 1, Parameters(small.Discriminator));
        Assert.Contains("layers.linear128_1.weight", small.Discriminator.state_dict().Keys);
        Assert.Equal(
            ["layers.linear256.weight", "layers.linear512.weight", "layers.linear1024.weight", "layers.output.weight"],
            standard.Generator.state_dict().Keys.Where(k => k.EndsWith(".weight") && !k.Contains("bn")));
    }
}
