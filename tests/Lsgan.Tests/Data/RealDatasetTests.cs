using Lsgan.Data;
using static TorchSharp.torch;

namespace Lsgan.Tests.Data;

/// <summary>
/// End to end on the real Fashion-MNIST. Its files come from the cache, else Debian's system copy,
/// else apt-get download (a package registry, about 31 MB, needing no root); the official URL is
/// switched off so the test never contacts any other host.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RealDatasetTests
{
    [Fact]
    public void Given_fashion_mnist_via_cache_system_copy_or_apt_When_the_train_split_loads_Then_it_has_60000_balanced_images_in_range()
    {
        var fetcher = RealDatasets.Fetcher();

        using var data = ImageDataset.Load("fashion-mnist", DatasetSplit.Train, fetcher);

        Assert.Equal(60_000, data.Count);
        Assert.Equal([60_000L, 1, 28, 28], data.Images.shape);
        // Fashion-MNIST uses the full 0..255 range, so the scaled extremes are exactly -1 and 1.
        Assert.Equal(-1f, data.Images.min().item<float>());
        Assert.Equal(1f, data.Images.max().item<float>());
        // Its training set is balanced: 6,000 images of each of the 10 classes.
        Assert.Equal(Enumerable.Repeat(6_000L, 10), data.Labels.bincount(null).data<long>().ToArray());
        Assert.Equal("Ankle boot", data.ClassNames[9]);
    }
}
