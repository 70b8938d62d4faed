using Lsgan.Data;
using SkiaSharp;

namespace Lsgan.Tests.Data;

public sealed class ImageFolderTests : IDisposable
{
    private const double Tolerance = 1e-5;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static void AssertAll(TorchSharp.torch.Tensor values, double expected, double tolerance = Tolerance)
    {
        Assert.InRange(values.min().item<float>(), expected - tolerance, expected + tolerance);
        Assert.InRange(values.max().item<float>(), expected - tolerance, expected + tolerance);
    }

    [Fact]
    public void Given_pngs_in_nested_folders_When_loaded_as_rgb_Then_paths_are_sorted_and_colours_scaled()
    {
        TestImages.WriteSolid(temp.File("b.png"), SKColors.Blue, 4, 3);
        TestImages.WriteSolid(temp.File("a", "red.PNG"), SKColors.Red, 4, 3);
        File.WriteAllText(temp.File("notes.txt"), "not an image, and not picked up");

        using var folder = ImageFolder.Load(temp.Path, new ImageFolderOptions(Channels: 3));

        Assert.Equal([temp.File("a", "red.PNG"), temp.File("b.png")], folder.Paths);
        Assert.Equal([2L, 3, 3, 4], folder.Images.shape);
        AssertAll(folder.Images[0, 0], 1);
        AssertAll(folder.Images[0, 1..], -1);
        AssertAll(folder.Images[1, ..2], -1);
        AssertAll(folder.Images[1, 2], 1);
    }

    [Fact]
    public void Given_a_red_png_When_loaded_as_grayscale_Then_it_holds_the_bt601_luminance()
    {
        TestImages.WriteSolid(temp.File("red.png"), SKColors.Red, 5, 5);

        using var folder = ImageFolder.Load(temp.Path, new ImageFolderOptions(Channels: 1));

        Assert.Equal([1L, 1, 5, 5], folder.Images.shape);
        AssertAll(folder.Images, 0.299 * 255 / 127.5 - 1);
    }

    [Fact]
    public void Given_images_of_different_sizes_and_a_target_size_When_loaded_Then_all_are_resized_keeping_colour()
    {
        TestImages.WriteSolid(temp.File("small.png"), new SKColor(200, 100, 50), 4, 4);
        TestImages.WriteSolid(temp.File("large.jpg"), new SKColor(200, 100, 50), 20, 12, SKEncodedImageFormat.Jpeg);

        using var folder = ImageFolder.Load(temp.Path, new ImageFolderOptions(Channels: 3, Height: 8, Width: 6));

        Assert.Equal([2L, 3, 8, 6], folder.Images.shape);
        // JPEG is lossy, so allow a few grey levels on its image.
        AssertAll(folder.Images[1, 0], 200 / 127.5 - 1, 3 / 127.5);
        AssertAll(folder.Images[1, 2], 50 / 127.5 - 1, 3 / 127.5);
        AssertAll(folder.Images[0, 1], 100 / 127.5 - 1, 1 / 127.5);
    }

    [Fact]
    public void Given_images_of_different_sizes_and_no_target_size_When_loaded_Then_the_odd_one_is_named()
    {
        TestImages.WriteSolid(temp.File("a.png"), SKColors.Red, 4, 4);
        TestImages.WriteSolid(temp.File("b.png"), SKColors.Red, 5, 4);

        var error = Assert.Throws<LsganException>(() => ImageFolder.Load(temp.Path, new ImageFolderOptions()));

        Assert.Contains(temp.File("b.png"), error.Message);
    }

    [Fact]
    public void Given_a_png_that_is_not_an_image_When_loaded_Then_the_error_names_it()
    {
        TestImages.WriteSolid(temp.File("good.png"), SKColors.Red, 4, 4);
        File.WriteAllText(temp.File("broken.png"), "this is text");

        var error = Assert.Throws<LsganException>(
            () => ImageFolder.Load(temp.Path, new ImageFolderOptions(Height: 4, Width: 4)));

        Assert.Contains(temp.File("broken.png"), error.Message);
    }

    [Fact]
    public void Given_a_folder_without_images_When_loaded_Then_it_says_so()
    {
        File.WriteAllText(temp.File("readme.md"), "no pictures");

        var error = Assert.Throws<LsganException>(() => ImageFolder.Load(temp.Path, new ImageFolderOptions()));

        Assert.Contains("contains no .png, .jpg or .jpeg files", error.Message);
    }

    [Fact]
    public void Given_invalid_options_When_validated_Then_every_problem_is_reported()
    {
        var errors = new ImageFolderOptions(Channels: 2, Height: 0, Width: null).Validate();

        Assert.Equal(3, errors.Count);
    }
}
