using System.Text.Json;
using Lsgan.IO;
using Lsgan.Models;

namespace Lsgan.Tests.Models;

public class ModelFamiliesTests
{
    [Fact]
    public void Given_no_batch_norm_choice_for_D_when_a_config_is_made_then_each_family_takes_its_own_default()
    {
        Assert.False(new ModelConfig("mlp").DiscriminatorBatchNorm);
        Assert.True(new ModelConfig("dcgan").DiscriminatorBatchNorm);
        Assert.True(new ModelConfig("mlp", DiscriminatorBatchNorm: true).DiscriminatorBatchNorm);
    }

    [Fact]
    public void Given_an_unknown_model_name_when_a_family_is_asked_for_then_it_is_an_error_naming_the_known_ones()
    {
        var error = Assert.Throws<LsganException>(() => ModelFamilies.Get("resnet"));

        Assert.Contains("Unknown model 'resnet'", error.Message);
        Assert.Contains(string.Join(", ", ModelFamilies.Names), error.Message);
    }

    [Fact]
    public void Given_a_saved_config_that_departs_from_the_family_defaults_when_read_back_then_every_value_is_kept()
    {
        var config = new ModelConfig("mlp", LatentDim: 8, Channels: 3, ImageSize: 32, GeneratorBatchNorm: false, DiscriminatorBatchNorm: true);

        var read = JsonSerializer.Deserialize<ModelConfig>(JsonSerializer.Serialize(config, Json.Indented), Json.Indented);

        Assert.Equal(config, read);
    }
}
