using Lsgan.Bench;
using Lsgan.Models;

namespace Lsgan.Tests.Bench;

public class FlopCounterTests
{
    [Fact]
    public void Mlp_MACs_equal_the_sum_of_its_weight_matrices()
    {
        using var models = ModelFactory.Create(new ModelConfig("mlp"), 0);

        // G: 100·256 + 256·512 + 512·1024 + 1024·784; D: 784·512 + 512·256 + 256·1.
        Assert.Equal(100L * 256 + 256 * 512 + 512 * 1024 + 1024 * 784, FlopCounter.ForwardMacs(models.Generator, 100));
        Assert.Equal(784L * 512 + 512 * 256 + 256, FlopCounter.ForwardMacs(models.Discriminator, 1, 28, 28));
    }

    [Fact]
    public void Dcgan_MACs_match_a_hand_count_of_its_layers()
    {
        using var models = ModelFactory.Create(new ModelConfig("dcgan"), 0);

        // G: linear 100→6272; deconv 128→64 (k4) over 7×7 inputs; deconv 64→1 (k4) over 14×14 inputs.
        long generator = 100L * 6272 + 7 * 7 * 128 * 64 * 16 + 14 * 14 * 64 * 1 * 16;
        // D: conv 1→64 (k4) at 14×14 outputs; conv 64→128 (k4) at 7×7 outputs; linear 6272→1.
        long discriminator = 14L * 14 * 64 * 16 + 7 * 7 * 128 * 64 * 16 + 6272;
        Assert.Equal(generator, FlopCounter.ForwardMacs(models.Generator, 100));
        Assert.Equal(discriminator, FlopCounter.ForwardMacs(models.Discriminator, 1, 28, 28));
    }

    [Fact]
    public void A_training_step_counts_G_three_times_and_D_nine_times_at_two_flops_per_MAC()
    {
        Assert.Equal(2 * (3 * 10L + 9 * 7), FlopCounter.TrainingStepFlops(10, 7));
    }
}
