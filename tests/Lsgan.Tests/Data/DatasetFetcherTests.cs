using Lsgan.Data;

namespace Lsgan.Tests.Data;

public sealed class DatasetFetcherTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly SyntheticDataset dataset = new();

    public void Dispose() => temp.Dispose();

    private string CacheRoot => Path.Combine(temp.Path, "cache");
    private string SystemRoot => Path.Combine(temp.Path, "system");
    private string CacheDir => Path.Combine(CacheRoot, dataset.Info.Name);
    private string SystemDir => Path.Combine(SystemRoot, dataset.Info.Name);

    // Package clients and downloads off: these tests must never reach the network.
    private DatasetFetcher OfflineFetcher() => new(new DatasetFetchOptions
    {
        DataDir = CacheRoot,
        SystemDirs = [SystemRoot],
        UsePackageClients = false,
        UseDownload = false,
    });

    private void Corrupt(string path) => File.WriteAllBytes(path, IdxBytes.Build([1], [7]));

    [Fact]
    public void Given_valid_files_in_the_cache_When_fetched_Then_the_cache_is_used_and_the_system_copy_never_read()
    {
        dataset.WriteTo(CacheDir, gzip: false);
        // A corrupt system copy would throw if it were consulted.
        dataset.WriteTo(SystemDir, gzip: true);
        Corrupt(Path.Combine(SystemDir, DatasetFile.TrainImages + ".gz"));

        string dir = OfflineFetcher().Fetch(dataset.Info);

        Assert.Equal(CacheDir, dir);
        Assert.False(File.Exists(Path.Combine(CacheDir, DatasetFile.TrainImages + ".gz")));
    }

    [Fact]
    public void Given_gz_files_in_an_injected_system_dir_When_fetched_Then_they_are_copied_into_the_cache_whole()
    {
        dataset.WriteTo(SystemDir, gzip: true);

        string dir = OfflineFetcher().Fetch(dataset.Info);

        Assert.Equal(CacheDir, dir);
        foreach (var file in dataset.Info.Files)
        {
            string cached = Path.Combine(CacheDir, file.Name + ".gz");
            Assert.Equal(File.ReadAllBytes(Path.Combine(SystemDir, file.Name + ".gz")), File.ReadAllBytes(cached));
            Assert.True(DatasetCache.Matches(cached, file));
        }
        Assert.Empty(Directory.GetFiles(CacheDir, "*.partial"));
    }

    [Fact]
    public void Given_a_leftover_partial_file_from_an_interrupted_copy_When_fetched_Then_it_is_not_taken_for_the_file()
    {
        Directory.CreateDirectory(CacheDir);
        File.WriteAllBytes(Path.Combine(CacheDir, $".{DatasetFile.TrainImages}.0123.partial"), [0, 0, 8]);
        dataset.WriteTo(SystemDir, gzip: false);

        OfflineFetcher().Fetch(dataset.Info);

        Assert.Equal(dataset.Files[DatasetFile.TrainImages], File.ReadAllBytes(Path.Combine(CacheDir, DatasetFile.TrainImages)));
    }

    [Fact]
    public void Given_a_corrupt_file_in_the_cache_When_fetched_Then_the_error_names_it_and_says_to_delete_it()
    {
        dataset.WriteTo(CacheDir, gzip: true);
        string bad = Path.Combine(CacheDir, DatasetFile.TestLabels + ".gz");
        Corrupt(bad);
        // A good system copy must not silently replace the corrupt cached file.
        dataset.WriteTo(SystemDir, gzip: true);

        var error = Assert.Throws<LsganException>(() => OfflineFetcher().Fetch(dataset.Info));

        Assert.Contains(bad, error.Message);
        Assert.Contains("SHA-256", error.Message);
        Assert.Contains("delete it", error.Message);
    }

    [Fact]
    public void Given_a_corrupt_system_copy_When_fetched_Then_the_error_names_it_and_nothing_lands_in_the_cache()
    {
        dataset.WriteTo(SystemDir, gzip: false);
        string bad = Path.Combine(SystemDir, DatasetFile.TrainLabels);
        Corrupt(bad);

        var error = Assert.Throws<LsganException>(() => OfflineFetcher().Fetch(dataset.Info));

        Assert.Contains(bad, error.Message);
        Assert.Null(DatasetCache.Find(CacheDir, DatasetFile.TrainLabels));
        Assert.Empty(Directory.GetFiles(CacheDir, "*.partial"));
    }

    [Fact]
    public void Given_no_source_has_the_files_When_fetched_Then_one_sentence_lists_what_was_tried()
    {
        var error = Assert.Throws<LsganException>(() => OfflineFetcher().Fetch(dataset.Info));

        Assert.StartsWith($"Could not find {DatasetFile.TrainImages}, ", error.Message);
        Assert.Contains($"the cache {CacheDir} (not found)", error.Message);
        Assert.Contains($"the system copy in {SystemDir} (not found)", error.Message);
        Assert.Single(error.Message.Split(". "));
    }

    [Fact]
    public void Given_a_system_copy_with_half_the_files_When_fetched_Then_the_error_names_only_the_missing_ones()
    {
        dataset.WriteTo(SystemDir, gzip: true);
        File.Delete(Path.Combine(SystemDir, DatasetFile.TestImages + ".gz"));

        var error = Assert.Throws<LsganException>(() => OfflineFetcher().Fetch(dataset.Info));

        Assert.StartsWith($"Could not find {DatasetFile.TestImages} of {dataset.Info.Name}", error.Message);
        Assert.Contains("(had 3 of 4)", error.Message);
        Assert.NotNull(DatasetCache.Find(CacheDir, DatasetFile.TrainImages));
    }

    [Fact]
    public void Given_a_package_client_that_fails_When_fetched_Then_the_error_says_how_it_failed()
    {
        // apt-get answers "unable to locate package" from the system's index (private lists off), so this
        // contacts no host.
        var info = dataset.Info with { AptPackage = "lsgan-test-no-such-package" };
        var fetcher = new DatasetFetcher(new DatasetFetchOptions
        {
            DataDir = CacheRoot, UseSystemCopy = false, UsePackageClients = true, UseDownload = false,
            AptPrivateLists = false,
        });

        var error = Assert.Throws<LsganException>(() => fetcher.Fetch(info));

        Assert.Contains("apt-get download lsgan-test-no-such-package (failed: ", error.Message);
    }

    [Fact]
    public void Given_an_unknown_dataset_name_When_fetched_Then_the_known_names_are_listed()
    {
        var error = Assert.Throws<LsganException>(() => OfflineFetcher().Fetch("cifar"));

        Assert.Contains("mnist, fashion-mnist", error.Message);
    }
}
