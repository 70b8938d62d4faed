using Lsgan.Data;
using SkiaSharp;

namespace Lsgan.Tests.Data;

/// <summary>
/// Broken and lying image files in a folder given to train or fid: each is refused, within seconds, by an error
/// naming the file, whether the folder is resized to a target size or read at its own size, and no file changes.
/// </summary>
public sealed class HostileImageFileTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    // Sorted first, so without a target size it is also the image whose size sets the folder's.
    private string Hostile => temp.Combine("images", "a-hostile.png");

    private string Plant(string hostile)
    {
        TestImages.WriteSolid(temp.File("images", "b-good.png"), SKColors.Gray, 16, 16);
        byte[] png = HostileImages.Noise(16, 16);
        byte[] jpeg = HostileImages.Noise(16, 16, SKEncodedImageFormat.Jpeg);
        string path = Hostile;
        switch (hostile)
        {
            case "a PNG cut in half": HostileFiles.Bytes(path, HostileImages.Truncated(png, 0.5)); return "truncated or corrupt";
            case "a PNG cut just after its header": HostileFiles.Bytes(path, png[..40]); return "truncated or corrupt";
            case "a JPEG cut in half": HostileFiles.Bytes(path, HostileImages.Truncated(jpeg, 0.5)); return "truncated or corrupt";
            case "a JPEG cut after 200 bytes": HostileFiles.Bytes(path, jpeg[..200]); return "truncated or corrupt";
            case "a PNG with a damaged checksum": HostileFiles.Bytes(path, FlipLastDataByte(png)); return "corrupt";
            case "an empty PNG": HostileFiles.Bytes(path, []); return "is not a PNG or JPEG image";
            case "text named .png": HostileFiles.Bytes(path, "not an image"u8.ToArray()); return "is not a PNG or JPEG image";
            case "a PNG claiming 60000x60000": HostileFiles.Bytes(path, HostileImages.PngClaiming(60000, 60000)); return "60000x60000";
            case "a PNG claiming 8193x1": HostileFiles.Bytes(path, HostileImages.PngClaiming(8193, 1)); return "8193x1";
            case "a named pipe": HostileFiles.Fifo(path); return "named pipe";
            case "a broken link": HostileFiles.Link(path, temp.Combine("gone.png")); return "which does not exist";
            case "a link loop": HostileFiles.LinkLoop(path); return "loops";
            case "a link to /dev/zero": HostileFiles.Link(path, "/dev/zero"); return "device";
            default: throw new ArgumentException(hostile);
        }
    }

    // The byte before the IEND chunk is the last of the IDAT chunk's CRC, so the pixel data no longer checks out.
    private static byte[] FlipLastDataByte(byte[] png)
    {
        byte[] damaged = [.. png];
        damaged[^13] ^= 0xFF;
        return damaged;
    }

    public static TheoryData<string, bool> Cases()
    {
        string[] hostile =
        [
            "a PNG cut in half", "a PNG cut just after its header", "a JPEG cut in half", "a JPEG cut after 200 bytes",
            "a PNG with a damaged checksum", "an empty PNG", "text named .png", "a PNG claiming 60000x60000",
            "a PNG claiming 8193x1", "a named pipe", "a broken link", "a link loop", "a link to /dev/zero",
        ];
        var cases = new TheoryData<string, bool>();
        foreach (string h in hostile)
        {
            cases.Add(h, true);
            cases.Add(h, false);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Given_a_hostile_image_file_When_its_folder_is_loaded_Then_the_error_names_it_and_nothing_changes(string hostile, bool resize)
    {
        string says = Plant(hostile);
        var before = TreeSnapshot.Take(temp.Path);
        var options = resize ? new ImageFolderOptions(Channels: 1, Height: 28, Width: 28) : new ImageFolderOptions(Channels: 1);

        var error = Bounded.Refuses(() => ImageFolder.Load(temp.Combine("images"), options).Dispose());

        Assert.StartsWith(Hostile + " ", error.Message);
        Assert.Contains(says, error.Message);
        Assert.Equal(before, TreeSnapshot.Take(temp.Path));
    }

    [Fact]
    public void Given_an_image_exactly_at_the_size_limit_When_loaded_Then_it_is_decoded_like_any_other()
    {
        HostileFiles.Bytes(temp.Combine("images", "wide.png"), HostileImages.PngClaiming(ImageFiles.MaxImageSide, 1));

        using var folder = ImageFolder.Load(temp.Combine("images"), new ImageFolderOptions(Channels: 1));

        Assert.Equal([1L, 1, 1, ImageFiles.MaxImageSide], folder.Images.shape);
        // Its one row is all zero bytes: black, -1.
        Assert.Equal(-1f, folder.Images.max().item<float>());
    }

    [Fact]
    public void Given_an_output_path_that_is_a_named_pipe_When_a_png_is_saved_Then_it_is_refused_without_waiting_for_a_reader()
    {
        string path = temp.Combine("out.png");
        HostileFiles.Fifo(path);
        using var image = TorchSharp.torch.zeros(1, 2, 2);

        var error = Bounded.Refuses(() => ImageFiles.SavePng(image, path));

        Assert.StartsWith($"{path} is not a regular file but a named pipe", error.Message);
    }
}
