using Lsgan.Data;

namespace Lsgan.Tests.Data;

public sealed class HanziRendererTests
{
    // A square of 200 x 200 glyph units centred on the box (x 412..612; y up, baseline at 900, so the box centre is
    // y = 388) and a bar across the bottom of the box (y 20..80 is near the baseline, the bottom of the image).
    private const string CentredSquare = "M 412 288 L 612 288 L 612 488 L 412 488 Z";
    private const string BottomBar = "M 100 20 L 924 20 L 924 80 L 100 80 Z";

    private static readonly string[][] Glyphs = [[CentredSquare], [BottomBar], [CentredSquare, BottomBar]];

    [Fact]
    public void Given_the_same_seed_When_rendered_twice_Then_the_bytes_are_identical_and_another_seed_differs()
    {
        byte[] first = HanziRenderer.Render(Glyphs, samples: 4, seed: 3);
        byte[] second = HanziRenderer.Render(Glyphs, samples: 4, seed: 3);
        byte[] other = HanziRenderer.Render(Glyphs, samples: 4, seed: 4);

        Assert.Equal(3 * 4 * 28 * 28, first.Length);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Given_a_centred_square_When_rendered_Then_each_sample_has_ink_centred_within_two_pixels_and_samples_differ()
    {
        byte[] pixels = HanziRenderer.Render([[CentredSquare]], samples: 8, seed: 0);

        var images = Enumerable.Range(0, 8).Select(s => pixels.AsSpan(s * 784, 784).ToArray()).ToList();
        foreach (var image in images)
        {
            var (ink, row, column) = CentreOfInk(image);
            // 200 units are 5.1 pixels, 26 pixels of ink; the warps scale each side by 0.75 to 1.27 and the pen adds
            // up to 60 units (1.5 pixels) of width, so between about 15 and 65 pixels.
            Assert.InRange(ink, 10, 70);
            Assert.InRange(row, 11.5, 15.5);
            Assert.InRange(column, 11.5, 15.5);
        }
        Assert.Equal(8, images.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void Given_a_bar_near_the_baseline_When_rendered_Then_its_ink_is_at_the_bottom_of_the_image()
    {
        // y points up in hanzi-writer-data: a bar at y 20..80 lies 820..880 units below the top, rows 21 to 23.
        byte[] pixels = HanziRenderer.Render([[BottomBar]], samples: 4, seed: 1);

        for (int s = 0; s < 4; s++)
        {
            var (ink, row, column) = CentreOfInk(pixels.AsSpan(s * 784, 784).ToArray());
            // 824 x 60 units are 21 x 1.5 pixels, 32 pixels of ink, warped and thickened as above: about 20 to 90.
            Assert.InRange(ink, 15, 95);
            Assert.InRange(row, 20.0, 25.0);
            Assert.InRange(column, 11.5, 15.5);
        }
    }

    [Fact]
    public void Given_two_classes_When_one_more_class_is_rendered_Then_the_first_classes_keep_their_bytes()
    {
        byte[] two = HanziRenderer.Render(Glyphs[..2], samples: 3, seed: 5);
        byte[] three = HanziRenderer.Render(Glyphs, samples: 3, seed: 5);

        Assert.Equal(two, three[..two.Length]);
    }

    [Fact]
    public void Given_a_stroke_that_is_not_svg_When_rendered_Then_one_sentence_names_it()
    {
        var error = Assert.Throws<LsganException>(() => HanziRenderer.Render([["not a path at all"]], samples: 1, seed: 0));

        Assert.StartsWith("A hanzi stroke outline is not an SVG path", error.Message);
    }

    /// <summary>Total ink in pixels (255 = one pixel) and its centre of mass (row, column) in pixel centres.</summary>
    private static (double Ink, double Row, double Column) CentreOfInk(byte[] image)
    {
        double ink = 0, row = 0, column = 0;
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++)
            {
                double v = image[y * 28 + x] / 255.0;
                ink += v;
                row += v * y;
                column += v * x;
            }
        return (ink, row / ink, column / ink);
    }
}
