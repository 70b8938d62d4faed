using Lsgan.Models;
using Lsgan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

public class TrainedGeneratorTests
{
    [Fact]
    public void Given_a_checkpoint_when_sampled_in_small_forward_passes_then_images_equal_one_pass_per_500_z_vectors()
    {
        // Sample draws z 500 at a time (so a seed keeps its meaning) but runs G on 128 at a time; eval-mode
        // batch norm makes every image independent of the others in its pass. 1003 leaves a short last pass.
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(64);
        var config = new TrainConfig
        {
            Dataset = "synthetic", Model = new ModelConfig("dcgan", LatentDim: 16), BatchSize = 32, Epochs = 1, Seed = 3,
        };
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);
        new TrainingSession(config, run).Run(images);
        using var models = ModelFactory.Create(config.Model, 99);
        Checkpoint.LoadGenerator(run.LatestCheckpoint, models.Generator);
        models.Generator.eval();
        using var scope = NewDisposeScope();
        var random = new Generator(5);
        var expected = cat([models.Generator.forward(randn([500, 16], generator: random)),
            models.Generator.forward(randn([500, 16], generator: random)),
            models.Generator.forward(randn([3, 16], generator: random))], 0);

        using var generator = TrainedGenerator.Load(run.Path);
        var sampled = generator.Sample(1003, seed: 5);

        Assert.Equal(expected.shape, sampled.shape);
        Assert.True(sampled.allclose(expected, rtol: 1e-5, atol: 1e-6), $"max |Δ| = {(sampled - expected).abs().max().item<float>()}");
    }
}
