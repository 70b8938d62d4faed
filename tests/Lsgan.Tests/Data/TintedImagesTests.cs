using Lsgan.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Tests.Data;

public sealed class TintedImagesTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(0.0, 1.0, 1.0, 1.0, 0.0, 0.0)]         // red
    [InlineData(1.0 / 3, 1.0, 1.0, 0.0, 1.0, 0.0)]     // green
    [InlineData(2.0 / 3, 1.0, 0.5, 0.0, 0.0, 0.5)]     // half-bright blue
    [InlineData(0.5, 0.5, 1.0, 0.5, 1.0, 1.0)]         // pale cyan
    [InlineData(1.0 / 12, 1.0, 1.0, 1.0, 0.5, 0.0)]    // orange, between red and yellow
    public void Given_a_hue_saturation_and_value_When_converted_Then_the_rgb_is_the_hexcone_models(double h, double s, double v,
        double r, double g, double b)
    {
        using var rgb = TintedImages.Hsv(torch.tensor(new[] { (float)h }), torch.tensor(new[] { (float)s }), torch.tensor(new[] { (float)v }));

        float[] values = rgb.data<float>().ToArray();
        Assert.Equal(3, values.Length);
        Assert.InRange(values[0], r - 1e-5, r + 1e-5);
        Assert.InRange(values[1], g - 1e-5, g + 1e-5);
        Assert.InRange(values[2], b - 1e-5, b + 1e-5);
    }

    private static ImageDataset TwoClasses()
    {
        // Four 4 x 4 images: white ink on the left half, black on the right; labels 0, 1, 0, 1.
        var images = torch.ones(4, 1, 4, 4);
        images[.., .., .., 2..] = torch.tensor(-1f);
        return ImageDataset.FromTensors(images, torch.tensor(new long[] { 0, 1, 0, 1 }), ["T-shirt/top", "Bag"], "test");
    }

    [Fact]
    public void Given_a_labelled_grayscale_set_When_tinted_Then_each_class_has_its_folder_of_colour_images_of_the_size()
    {
        using var source = TwoClasses();
        string output = temp.Combine("tinted");

        TintedImages.Write(source, output, count: 4, size: 8, seed: 1);

        Assert.Equal(["00-T-shirt-top", "01-Bag"], Directory.GetDirectories(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(output, "00-T-shirt-top")).Length);
        using var folder = ImageFolder.Load(output, new ImageFolderOptions(Channels: 3));
        Assert.Equal([4L, 3, 8, 8], folder.Images.shape);
        Assert.Equal([0L, 0, 1, 1], folder.Labels.data<long>().ToArray());
        // The ink (left columns) is a full-value colour, the background (right columns) dark: value 0.2 at most.
        var ink = folder.Images[.., .., .., ..2].add(1).div(2).amax([1]);
        var background = folder.Images[.., .., .., 6..].add(1).div(2).amax([1]);
        Assert.InRange(ink.min().item<float>(), 0.99f, 1f);
        Assert.InRange(background.max().item<float>(), 0.19f, 0.21f);
    }

    [Fact]
    public void Given_the_same_seed_When_tinted_twice_Then_the_files_are_identical_and_another_seed_differs()
    {
        using var source = TwoClasses();
        TintedImages.Write(source, temp.Combine("a"), 4, 8, seed: 2);
        TintedImages.Write(source, temp.Combine("b"), 4, 8, seed: 2);
        TintedImages.Write(source, temp.Combine("c"), 4, 8, seed: 3);

        static string[] Bytes(string dir) => [.. Directory.GetFiles(dir, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => Convert.ToHexString(File.ReadAllBytes(f)))];
        Assert.Equal(Bytes(temp.Combine("a")), Bytes(temp.Combine("b")));
        Assert.NotEqual(Bytes(temp.Combine("a")), Bytes(temp.Combine("c")));
    }

    [Fact]
    public void Given_an_existing_output_folder_When_tinting_Then_it_is_refused_and_left_alone()
    {
        using var source = TwoClasses();
        File.WriteAllText(temp.File("out", "mine.txt"), "keep");

        var error = Assert.Throws<LsganException>(() => TintedImages.Write(source, temp.Combine("out"), 4, 8, seed: 0));

        Assert.Equal($"{temp.Combine("out")} already exists; give --out a new folder (lsgan does not write into existing ones).", error.Message);
        Assert.Equal(["mine.txt"], Directory.GetFileSystemEntries(temp.Combine("out")).Select(Path.GetFileName));
        Assert.Single(Directory.GetFileSystemEntries(temp.Path));
    }
}
