using Lsgan.Data;
using SkiaSharp;

namespace Lsgan.Tests.Data;

public sealed class LabelledImageFolderTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Given_one_sub_folder_per_class_When_loaded_Then_labels_index_the_sorted_sub_folder_names()
    {
        // Written out of order, and "Zebra" sorts before "cat" in ordinal order (upper case first).
        TestImages.WriteSolid(temp.File("cat", "b.png"), SKColors.Red, 2, 2);
        TestImages.WriteSolid(temp.File("Zebra", "deep", "z.png"), SKColors.Blue, 2, 2);
        TestImages.WriteSolid(temp.File("cat", "a.png"), SKColors.Red, 2, 2);
        TestImages.WriteSolid(temp.File("dog", "d.jpg"), SKColors.Green, 2, 2, SKEncodedImageFormat.Jpeg);

        using var folder = ImageFolder.Load(temp.Path, new ImageFolderOptions(Channels: 3));

        Assert.True(folder.HasLabels);
        Assert.Equal(["Zebra", "cat", "dog"], folder.ClassNames);
        Assert.Equal([temp.File("Zebra", "deep", "z.png"), temp.File("cat", "a.png"), temp.File("cat", "b.png"), temp.File("dog", "d.jpg")], folder.Paths);
        Assert.Equal([0L, 1, 1, 2], folder.Labels.data<long>().ToArray());
        // The labels follow the images: image 0 is the blue one.
        Assert.InRange(folder.Images[0, 2].mean().item<float>(), 1 - 1e-5, 1 + 1e-5);
    }

    [Fact]
    public void Given_images_beside_the_sub_folders_When_loaded_Then_the_folder_is_unlabelled_and_asking_for_labels_says_why()
    {
        TestImages.WriteSolid(temp.File("top.png"), SKColors.Red, 2, 2);
        TestImages.WriteSolid(temp.File("cat", "a.png"), SKColors.Red, 2, 2);

        using var folder = ImageFolder.Load(temp.Path, new ImageFolderOptions(Channels: 1));

        Assert.False(folder.HasLabels);
        Assert.Empty(folder.ClassNames);
        var error = Assert.Throws<LsganException>(() => folder.Labels);
        Assert.StartsWith($"The image folder {temp.Path} (it holds images of its own) has no class labels; a conditional model needs a labelled dataset", error.Message);
    }

    [Fact]
    public void Given_a_class_sub_folder_without_images_When_loaded_Then_it_is_named_before_anything_is_decoded()
    {
        TestImages.WriteSolid(temp.File("a", "x.png"), SKColors.Red, 2, 2);
        Directory.CreateDirectory(temp.Combine("b"));
        File.WriteAllText(temp.File("c", "notes.txt"), "no images here either, but b sorts first");
        TestImages.WriteSolid(temp.File("d", "y.png"), SKColors.Red, 2, 2);

        var error = Assert.Throws<LsganException>(() => ImageFolder.Load(temp.Path, new ImageFolderOptions(Channels: 1)));

        Assert.StartsWith($"The class folder {temp.Combine("b")} holds no .png, .jpg or .jpeg files", error.Message);
    }
}
