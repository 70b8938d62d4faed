using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

public class GanTrainerTests
{
    // One thread: results repeat bitwise only at a fixed libtorch thread count, and several comparisons are bitwise.
    public GanTrainerTests() => set_num_threads(1);

    private static TrainConfig Config(bool dBatchNorm) => new()
    {
        Model = new ModelConfig("mlp", LatentDim: 8, DiscriminatorBatchNorm: dBatchNorm),
        Seed = 11,
    };

    private static float[] StepsThenWeights(TrainConfig config, StepOptions step, Tensor images, int steps)
    {
        using var trainer = new GanTrainer(config, CPU, step);
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            trainer.Step([images.narrow(0, 16 * (i % 4), 16)]);
        }
        return trainer.Models.Generator.parameters().Concat(trainer.Models.Discriminator.parameters())
            .SelectMany(p => p.data<float>().ToArray()).ToArray();
    }

    [Fact]
    public void Without_batch_norm_in_D_one_joint_D_pass_trains_the_same_as_two_separate_passes()
    {
        using var images = SyntheticImages.Squares(64);

        var joint = StepsThenWeights(Config(dBatchNorm: false), new StepOptions(JointDiscriminatorPass: true), images, 5);
        var separate = StepsThenWeights(Config(dBatchNorm: false), new StepOptions(JointDiscriminatorPass: false), images, 5);

        // Same function, different matrix-product shapes: equal up to float32 rounding.
        double largest = joint.Zip(separate).Max(pair => Math.Abs(pair.First - pair.Second));
        Assert.InRange(largest, 0, 1e-5);
    }

    [Fact]
    public void With_batch_norm_in_D_the_joint_pass_is_not_used_so_results_do_not_depend_on_the_setting()
    {
        using var images = SyntheticImages.Squares(64);

        var joint = StepsThenWeights(Config(dBatchNorm: true), new StepOptions(JointDiscriminatorPass: true), images, 3);
        var separate = StepsThenWeights(Config(dBatchNorm: true), new StepOptions(JointDiscriminatorPass: false), images, 3);

        Assert.Equal(separate, joint);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Freezing_D_for_the_G_update_and_dropping_gradients_leave_the_weights_bitwise_unchanged(bool freeze, bool clearToNone)
    {
        using var images = SyntheticImages.Squares(64);
        var config = Config(dBatchNorm: true);
        var plain = new StepOptions(false, false, false);
        var optimised = new StepOptions(false, freeze, clearToNone);

        var expected = StepsThenWeights(config, plain, images, 4);
        var actual = StepsThenWeights(config, optimised, images, 4);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Fused_Adam_and_the_unfolded_image_layers_train_dcgan_as_libtorchs_Adam_and_layers_do()
    {
        using var images = SyntheticImages.Squares(64);
        // Without batch norm: the gradient of a bias feeding batch norm is zero up to rounding noise, and Adam's
        // g / (|g| + ε) turns that noise into steps of ±lr in any two implementations alike.
        var config = new TrainConfig
        {
            Model = new ModelConfig("dcgan", LatentDim: 8, GeneratorBatchNorm: false, DiscriminatorBatchNorm: false),
            Seed = 5,
        };
        var fastStep = new StepOptions();
        var plainStep = fastStep with { FusedAdam = false, UnfoldedImageLayers = false };

        var fast = StepsThenWeights(config, fastStep, images, 4);
        var reference = StepsThenWeights(config, plainStep, images, 4);

        // The same arithmetic in another order: weights (~0.02 in size, moved up to 8e-4 by 4 steps) agree to float rounding.
        double largest = fast.Zip(reference).Max(pair => Math.Abs(pair.First - pair.Second));
        Assert.InRange(largest, 0, 1e-6);
        Assert.NotEqual(StepsThenWeights(config, fastStep, images, 0), fast);
    }

    [Fact]
    public void A_step_returns_the_four_stats_and_updates_both_networks()
    {
        using var images = SyntheticImages.Squares(16);
        using var trainer = new GanTrainer(Config(dBatchNorm: false), CPU, new StepOptions(JointDiscriminatorPass: true));
        var before = trainer.Models.Discriminator.parameters().First().clone();
        var generatorBefore = trainer.Models.Generator.parameters().First().clone();

        using var stats = trainer.Step([images]);

        Assert.Equal(new long[] { GanTrainer.StatCount }, stats.shape);
        Assert.False(before.equal(trainer.Models.Discriminator.parameters().First()).all().item<bool>());
        Assert.False(generatorBefore.equal(trainer.Models.Generator.parameters().First()).all().item<bool>());
    }
}
