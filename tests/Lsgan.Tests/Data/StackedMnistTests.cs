using Lsgan.Data;
using static TorchSharp.torch;

namespace Lsgan.Tests.Data;

public sealed class StackedMnistTests
{
    // 50 single-channel "digits", image j filled with the value j / 100 and labelled j mod 10, so a stacked
    // channel says which source image it came from.
    private static (Tensor Images, Tensor Labels) NumberedDigits()
    {
        var images = arange(50, ScalarType.Float32).div(100).view(50, 1, 1, 1).expand(50, 1, 4, 4).contiguous();
        var labels = arange(50, ScalarType.Int64).remainder(10);
        return (images, labels);
    }

    [Fact]
    public void Given_numbered_digits_when_stacked_then_each_channel_is_one_whole_source_image_and_its_label_is_that_images_label()
    {
        var (images, labels) = NumberedDigits();
        using var _ = images;
        using var __ = labels;

        using var stacked = StackedMnist.Stack(images, labels, 200, seed: 3);

        Assert.Equal([200L, 3, 4, 4], stacked.Images.shape);
        Assert.Equal([200L, 3], stacked.Digits.shape);
        var pixels = stacked.Images.data<float>().ToArray();
        var digits = stacked.Digits.data<long>().ToArray();
        var sources = new HashSet<int>();
        for (int image = 0; image < 200; image++)
        {
            for (int channel = 0; channel < 3; channel++)
            {
                float[] plane = pixels[((image * 3 + channel) * 16)..((image * 3 + channel + 1) * 16)];
                int source = (int)Math.Round(plane[0] * 100);
                Assert.All(plane, p => Assert.Equal(plane[0], p));
                Assert.Equal(source % 10, digits[image * 3 + channel]);
                sources.Add(source);
            }
        }
        // 600 draws from 50 images: every source turns up (a fixed seed, so this is exact, not luck).
        Assert.Equal(50, sources.Count);
    }

    [Fact]
    public void Given_the_same_seed_when_stacked_twice_then_the_images_are_identical_and_another_seed_gives_others()
    {
        var (images, labels) = NumberedDigits();
        using var _ = images;
        using var __ = labels;

        using var first = StackedMnist.Stack(images, labels, 100, seed: 7);
        using var again = StackedMnist.Stack(images, labels, 100, seed: 7);
        using var other = StackedMnist.Stack(images, labels, 100, seed: 8);

        Assert.Equal(first.Images.data<float>().ToArray(), again.Images.data<float>().ToArray());
        Assert.Equal(first.Digits.data<long>().ToArray(), again.Digits.data<long>().ToArray());
        Assert.NotEqual(first.Images.data<float>().ToArray(), other.Images.data<float>().ToArray());
    }

    [Fact]
    public void Given_digit_triples_when_their_modes_are_taken_then_each_is_100_d0_plus_10_d1_plus_d2()
    {
        using var digits = tensor(new long[] { 1, 2, 3, 0, 0, 7, 9, 9, 9, 4, 0, 0 }).view(4, 3);

        Assert.Equal([123, 7, 999, 400], StackedMnist.ModesOf(digits));
    }

    [Fact]
    public void Given_a_count_below_one_when_stacking_then_it_is_refused_with_a_message()
    {
        var (images, labels) = NumberedDigits();
        using var _ = images;
        using var __ = labels;

        var error = Assert.Throws<LsganException>(() => StackedMnist.Stack(images, labels, 0, seed: 0));
        Assert.Contains("at least one image", error.Message);
    }
}
