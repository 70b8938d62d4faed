using Lsgan.Data;
using SkiaSharp;

namespace Lsgan.Tests.Data;

/// <summary>Image folders that are not what they seem: refused before any image is decoded, or walked safely.</summary>
public sealed class HostileImageFolderTests : IDisposable
{
    private static readonly ImageFolderOptions Gray28 = new(Channels: 1, Height: 28, Width: 28);

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string Folder => temp.Combine("images");

    private void WriteGood(int count)
    {
        for (int i = 0; i < count; i++)
            TestImages.WriteSolid(temp.File("images", $"good-{i}.png"), SKColors.White, 4, 4);
    }

    // Sorted last, so an error about it means every file before it was listed; one about the folder means
    // the refusal came before decoding reached it.
    private void WriteTruncatedLast() =>
        HostileFiles.Bytes(temp.Combine("images", "z-truncated.png"), HostileImages.Truncated(HostileImages.Noise(8, 8), 0.5));

    [Fact]
    public void Given_a_folder_of_only_undecodable_images_When_loaded_Then_the_first_of_them_is_named()
    {
        HostileFiles.Bytes(temp.Combine("images", "a.png"), []);
        HostileFiles.Bytes(temp.Combine("images", "b.jpg"), "text"u8.ToArray());
        WriteTruncatedLast();

        var error = Bounded.Refuses(() => ImageFolder.Load(Folder, Gray28).Dispose());

        Assert.StartsWith(temp.Combine("images", "a.png") + " is not a PNG or JPEG image", error.Message);
    }

    [Fact]
    public void Given_an_empty_folder_When_loaded_Then_it_says_there_are_no_images()
    {
        Directory.CreateDirectory(Folder);

        var error = Bounded.Refuses(() => ImageFolder.Load(Folder, Gray28).Dispose());

        Assert.Equal($"The image folder {Folder} contains no .png, .jpg or .jpeg files.", error.Message);
    }

    [Fact]
    public void Given_more_images_than_the_limit_When_loaded_Then_it_is_refused_before_any_is_decoded()
    {
        WriteGood(3);
        WriteTruncatedLast();

        var error = Bounded.Refuses(() => ImageFolder.Load(Folder, Gray28 with { MaxImages = 3 }).Dispose());

        Assert.StartsWith($"The image folder {Folder} holds more than 3 images", error.Message);
    }

    [Fact]
    public void Given_exactly_the_limit_of_images_When_loaded_Then_all_are_loaded()
    {
        WriteGood(3);

        using var folder = ImageFolder.Load(Folder, Gray28 with { MaxImages = 3 });

        Assert.Equal(3, folder.Count);
    }

    [Fact]
    public void Given_images_that_would_not_fit_in_one_array_When_loaded_Then_it_is_refused_before_any_is_decoded()
    {
        // 11 x 3 x 8192 x 8192 values is more than a .NET array holds.
        WriteGood(10);
        WriteTruncatedLast();

        var error = Bounded.Refuses(() => ImageFolder.Load(Folder, new ImageFolderOptions(3, 8192, 8192)).Dispose());

        Assert.StartsWith($"The 11 images of {Folder} at 3x8192x8192 would take ", error.Message);
    }

    [Theory]
    [InlineData("a file", "is a file, not a folder")]
    [InlineData("a broken link", "which does not exist")]
    [InlineData("a link loop", "loops")]
    [InlineData("missing", "does not exist")]
    public void Given_a_folder_path_that_is_no_folder_When_loaded_Then_it_says_what_is_there(string what, string says)
    {
        switch (what)
        {
            case "a file": HostileFiles.Bytes(Folder, [1]); break;
            case "a broken link": HostileFiles.Link(Folder, temp.Combine("gone")); break;
            case "a link loop": HostileFiles.LinkLoop(Folder); break;
        }
        var before = TreeSnapshot.Take(temp.Path);

        var error = Bounded.Refuses(() => ImageFolder.Load(Folder, Gray28).Dispose());

        Assert.StartsWith($"The image folder {Folder} ", error.Message);
        Assert.Contains(says, error.Message);
        Assert.Equal(before, TreeSnapshot.Take(temp.Path));
    }

    [Fact]
    public void Given_links_back_to_the_folder_and_its_parent_When_loaded_Then_each_image_is_read_once()
    {
        WriteGood(2);
        HostileFiles.Link(temp.Combine("images", "self"), ".");
        HostileFiles.Link(temp.Combine("images", "sub", "up"), "../..");

        using var folder = Bounded.Completes(() => ImageFolder.Load(Folder, Gray28));

        Assert.Equal([temp.Combine("images", "good-0.png"), temp.Combine("images", "good-1.png")], folder.Paths);
    }

    [Fact]
    public void Given_a_link_to_another_folder_of_images_When_loaded_Then_its_images_are_included()
    {
        WriteGood(1);
        TestImages.WriteSolid(temp.File("elsewhere", "other.png"), SKColors.Black, 4, 4);
        HostileFiles.Link(temp.Combine("images", "linked"), temp.Combine("elsewhere"));

        using var folder = ImageFolder.Load(Folder, Gray28);

        Assert.Equal([temp.Combine("images", "good-0.png"), temp.Combine("images", "linked", "other.png")], folder.Paths);
    }
}
