using Lsgan.Data;
using static TorchSharp.torch;

namespace Lsgan.Tests.Data;

public sealed class ImageFilesTests : IDisposable
{
    // One grey level of 8-bit quantisation, in [-1, 1] units.
    private const float Step = 1 / 127.5f;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Given_an_image_tensor_When_saved_and_read_back_Then_values_match_within_one_grey_level(int channels)
    {
        float[] values = [.. Enumerable.Range(0, channels * 2 * 3).Select(i => -1f + 2f * i / (channels * 6 - 1))];
        using var image = tensor(values, [channels, 2, 3]);
        string path = temp.File("out", "image.png");

        ImageFiles.SavePng(image, path);
        var decoded = new float[values.Length];
        ImageFiles.DecodeInto(path, channels, 2, 3, decoded);

        for (int i = 0; i < values.Length; i++)
            Assert.InRange(decoded[i], values[i] - Step, values[i] + Step);
    }

    [Fact]
    public void Given_values_outside_minus_one_to_one_When_saved_Then_they_are_clamped()
    {
        using var image = tensor(new[] { -3f, 5f }, [1, 1, 2]);
        string path = temp.File("clamped.png");

        ImageFiles.SavePng(image, path);
        var decoded = new float[2];
        ImageFiles.DecodeInto(path, 1, 1, 2, decoded);

        Assert.InRange(decoded[0], -1 - 1e-6f, -1 + 1e-6f);
        Assert.InRange(decoded[1], 1 - 1e-6f, 1 + 1e-6f);
    }
}
