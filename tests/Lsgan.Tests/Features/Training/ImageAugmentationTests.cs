using Lsgan.Features.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Features.Training;

/// <summary>The random whole-pixel shift against a plain loop over the same drawn shifts.</summary>
public sealed class ImageAugmentationTests
{
    [Fact]
    public void Given_random_images_when_shifted_then_each_pixel_is_the_source_pixel_at_its_shift_or_the_background()
    {
        using var scope = NewDisposeScope();
        const int batch = 16, size = 28, maxShift = 2;
        var images = rand([batch, 1, size, size], generator: new Generator(3)) * 2 - 1;

        var shifted = ImageAugmentation.RandomShift(images, maxShift, new Generator(11));

        // The same draw the augmentation makes: row b is (dx, dy) of image b.
        var shifts = randint(-maxShift, maxShift + 1, [batch, 2], ScalarType.Float32, generator: new Generator(11))
            .data<float>().ToArray();
        float[] source = images.data<float>().ToArray(), actual = shifted.data<float>().ToArray();
        Assert.Equal([(long)batch, 1, size, size], shifted.shape);
        for (int b = 0; b < batch; b++)
        {
            int dx = (int)shifts[2 * b], dy = (int)shifts[2 * b + 1];
            for (int i = 0; i < size; i++)
                for (int j = 0; j < size; j++)
                {
                    (int si, int sj) = (i + dy, j + dx);
                    float expected = si is >= 0 and < size && sj is >= 0 and < size ? source[(b * size + si) * size + sj] : -1f;
                    Assert.Equal(expected, actual[(b * size + i) * size + j]);
                }
        }
        Assert.True(shifts.Distinct().Count() > 3, "16 draws should use several shift values");
    }
}
