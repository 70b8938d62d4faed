using Lsgan.Models;
using static TorchSharp.torch;

namespace Lsgan.Tests.Models;

public class LatentPathTests
{
    [Fact]
    public void Given_two_orthogonal_vectors_of_length_2_when_slerped_then_the_midpoint_is_on_the_circle_at_45_degrees()
    {
        using var from = tensor(new float[] { 2, 0 });
        using var to = tensor(new float[] { 0, 2 });

        using var path = LatentPath.Spherical(from, to, 3);

        // By hand: ω = π/2, weights sin(π/4)/sin(π/2) = √2/2 each: (√2, √2), length 2.
        float[] values = path.data<float>().ToArray();
        float r = MathF.Sqrt(2);
        Assert.Equal(new float[] { 2, 0, r, r, 0, 2 }, values, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Given_two_vectors_when_lerped_then_the_points_are_evenly_spaced_on_the_segment()
    {
        using var from = tensor(new float[] { 2, 0 });
        using var to = tensor(new float[] { 0, 4 });

        using var path = LatentPath.Linear(from, to, 5);

        Assert.Equal(new float[] { 2, 0, 1.5f, 1, 1, 2, 0.5f, 3, 0, 4 }, path.data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Given_parallel_vectors_when_slerped_then_the_straight_path_is_taken()
    {
        using var from = tensor(new float[] { 1, 1 });
        using var to = tensor(new float[] { 3, 3 });

        using var path = LatentPath.Spherical(from, to, 3);

        Assert.Equal(new float[] { 1, 1, 2, 2, 3, 3 }, path.data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Given_the_uniform_latent_when_sampled_then_values_lie_in_minus_one_to_one_with_the_uniform_mean_and_spread()
    {
        var config = new ModelConfig("paper-scene", LatentDim: 100);
        using var random = new Generator(4);

        using var z = LatentDistribution.Sample(config, 1000, random);

        Assert.Equal([1000L, 100], z.shape);
        Assert.InRange(z.min().item<float>(), -1f, -0.999f);
        Assert.InRange(z.max().item<float>(), 0.999f, 1f);
        Assert.InRange(z.mean().item<float>(), -0.01f, 0.01f);
        // U(−1, 1) has standard deviation 1/√3 ≈ 0.577.
        Assert.InRange(z.std().item<float>(), 0.57f, 0.585f);
    }
}
