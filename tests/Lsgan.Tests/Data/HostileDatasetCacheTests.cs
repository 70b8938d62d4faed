using Lsgan.Data;

namespace Lsgan.Tests.Data;

/// <summary>
/// What a user may find, or leave, in the dataset cache and the system copy: every case is refused within
/// seconds with one sentence naming the path, and nothing that was there is changed.
/// </summary>
public sealed class HostileDatasetCacheTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly List<IDisposable> sockets = [];
    private readonly SyntheticDataset dataset = new();

    public void Dispose()
    {
        sockets.ForEach(s => s.Dispose());
        temp.Dispose();
    }

    private string CacheRoot => temp.Combine("cache");
    private string CacheDir => Path.Combine(CacheRoot, dataset.Info.Name);
    private string SystemDir => temp.Combine("system", dataset.Info.Name);
    private string Cached(string name) => Path.Combine(CacheDir, name);

    private DatasetFetcher OfflineFetcher(string? dataDir = null) => new(new DatasetFetchOptions
    {
        DataDir = dataDir ?? CacheRoot,
        SystemDirs = [temp.Combine("system")],
        UsePackageClients = false,
        UseDownload = false,
    });

    // A complete raw cache with one file replaced by what the case plants, so only that entry is wrong.
    private string ReplaceCached(string name, Action<string> plant, bool gzip = false)
    {
        dataset.WriteTo(CacheDir, gzip);
        string path = Cached(name + (gzip ? ".gz" : ""));
        File.Delete(path);
        plant(path);
        return path;
    }

    /// <summary>Plants one hostile case; returns the path the error must name and a phrase it must contain.</summary>
    private (string Named, string Says) Plant(string hostile) => hostile switch
    {
        "the images file is a named pipe" =>
            (ReplaceCached(DatasetFile.TrainImages, HostileFiles.Fifo), "named pipe"),
        "the gzip images file is a named pipe" =>
            (ReplaceCached(DatasetFile.TrainImages, HostileFiles.Fifo, gzip: true), "named pipe"),
        "the labels file is a broken link" =>
            (ReplaceCached(DatasetFile.TrainLabels, p => HostileFiles.Link(p, temp.Combine("gone"))), "which does not exist"),
        "the gzip test labels are a broken link" =>
            (ReplaceCached(DatasetFile.TestLabels, p => HostileFiles.Link(p, temp.Combine("gone")), gzip: true), "which does not exist"),
        "the images file is a link loop" =>
            (ReplaceCached(DatasetFile.TrainImages, HostileFiles.LinkLoop), "loops"),
        "the images file is a folder" =>
            (ReplaceCached(DatasetFile.TrainImages, p => Directory.CreateDirectory(p)), "is a folder"),
        "the images file links to /dev/zero" =>
            (ReplaceCached(DatasetFile.TrainImages, p => HostileFiles.Link(p, "/dev/zero")), "device"),
        "the test images file is a socket" =>
            (ReplaceCached(DatasetFile.TestImages, p => sockets.Add(HostileFiles.Socket(p))), "socket"),
        "the cached gzip is truncated" =>
            (ReplaceCached(DatasetFile.TrainImages,
                p => HostileFiles.Bytes(p, HostileImages.Truncated(IdxBytes.Gzip(dataset.Files[DatasetFile.TrainImages]), 0.5)),
                gzip: true), "SHA-256"),
        "the dataset folder is a file" => (PlantAt(CacheDir, p => HostileFiles.Bytes(p, [42])), "is a file, not a folder"),
        "the dataset folder is a broken link" => (PlantAt(CacheDir, p => HostileFiles.Link(p, temp.Combine("gone"))), "which does not exist"),
        "the dataset folder is a link loop" => (PlantAt(CacheDir, HostileFiles.LinkLoop), "loops"),
        "the dataset folder is a named pipe" => (PlantAt(CacheDir, HostileFiles.Fifo), "named pipe"),
        "the data directory is a file" => (PlantAt(CacheRoot, p => HostileFiles.Bytes(p, [42])), "(from --data-dir) is a file"),
        "the data directory is a broken link" => (PlantAt(CacheRoot, p => HostileFiles.Link(p, temp.Combine("gone"))), "which does not exist"),
        "the data directory is a link loop" => (PlantAt(CacheRoot, HostileFiles.LinkLoop), "loops"),
        "the system copy is a named pipe" =>
            (PlantAt(Path.Combine(SystemDir, DatasetFile.TrainImages), HostileFiles.Fifo), "named pipe"),
        "the system copy is a broken link" =>
            (PlantAt(Path.Combine(SystemDir, DatasetFile.TestLabels + ".gz"), p => HostileFiles.Link(p, temp.Combine("gone"))), "which does not exist"),
        _ => throw new ArgumentException(hostile),
    };

    private static string PlantAt(string path, Action<string> plant)
    {
        plant(path);
        return path;
    }

    public static TheoryData<string> Cases =>
    [
        "the images file is a named pipe", "the gzip images file is a named pipe", "the labels file is a broken link",
        "the gzip test labels are a broken link", "the images file is a link loop", "the images file is a folder",
        "the images file links to /dev/zero", "the test images file is a socket", "the cached gzip is truncated",
        "the dataset folder is a file", "the dataset folder is a broken link", "the dataset folder is a link loop",
        "the dataset folder is a named pipe", "the data directory is a file", "the data directory is a broken link",
        "the data directory is a link loop", "the system copy is a named pipe", "the system copy is a broken link",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Given_a_hostile_cache_When_the_dataset_is_fetched_and_loaded_Then_one_sentence_names_the_path_and_nothing_changes(string hostile)
    {
        var (named, says) = Plant(hostile);
        var before = TreeSnapshot.Take(temp.Path);

        var error = Bounded.Refuses(() => ImageDataset.Load(dataset.Info, DatasetSplit.Train, OfflineFetcher()).Dispose());

        Assert.Contains(named, error.Message);
        Assert.Contains(says, error.Message);
        Assert.DoesNotContain("\n", error.Message);
        TreeSnapshot.AssertKept(before, temp.Path);
    }

    [Fact]
    public void Given_a_data_directory_under_a_regular_file_When_fetched_Then_it_cannot_be_created_and_the_file_is_kept()
    {
        HostileFiles.Bytes(temp.Combine("plain"), [42]);
        string dataDir = temp.Combine("plain", "cache");

        var error = Bounded.Refuses(() => OfflineFetcher(dataDir).Fetch(dataset.Info));

        Assert.StartsWith($"The data directory {dataDir} (from --data-dir) cannot be created (", error.Message);
        Assert.Equal([42], File.ReadAllBytes(temp.Combine("plain")));
    }

    [Fact]
    public void Given_a_data_directory_on_a_filesystem_that_refuses_folders_When_fetched_Then_it_says_so()
    {
        // sysfs (Linux) allows no new folders, not even to root, so this runs where permission tests cannot.
        string dataDir = $"/sys/lsgan-test-{Guid.NewGuid():N}";

        var error = Bounded.Refuses(() => OfflineFetcher(dataDir).Fetch(dataset.Info));

        Assert.StartsWith($"The data directory {dataDir} (from --data-dir) cannot be created (", error.Message);
        Assert.False(Directory.Exists(dataDir));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Given_the_dataset_folder_or_the_data_directory_as_a_link_to_good_files_When_loaded_Then_the_link_is_followed(bool linkRoot)
    {
        string real = temp.Combine("real");
        dataset.WriteTo(linkRoot ? Path.Combine(real, dataset.Info.Name) : real, gzip: true);
        HostileFiles.Link(linkRoot ? CacheRoot : CacheDir, real);

        using var loaded = ImageDataset.Load(dataset.Info, DatasetSplit.Train, OfflineFetcher());

        Assert.Equal(3, loaded.Count);
        Assert.NotNull(new FileInfo(linkRoot ? CacheRoot : CacheDir).LinkTarget);
    }

    [Fact]
    public void Given_a_gzip_bomb_in_the_cache_When_fetched_Then_hashing_stops_after_a_gigabyte_and_names_it()
    {
        string path = Cached(DatasetFile.TrainImages + ".gz");
        dataset.WriteTo(CacheDir, gzip: true);
        // 16 GiB inflated (from 16 MB): about 3 s per GiB here, so reading it all would take far past the limit.
        HostileFiles.Bytes(path, GzipBomb(16 << 10));
        var before = TreeSnapshot.Take(temp.Path);

        var error = Bounded.Refuses(() => OfflineFetcher().Fetch(dataset.Info), TimeSpan.FromSeconds(20));

        Assert.StartsWith($"{path} does not match the SHA-256 checksum", error.Message);
        Assert.Equal(before, TreeSnapshot.Take(temp.Path));
    }

    // Gzip members may be concatenated; one member of 1 MiB of zeros, repeated, inflates to mebibytes × count
    // from about a kilobyte each.
    private static byte[] GzipBomb(int mebibytes)
    {
        byte[] member = IdxBytes.Gzip(new byte[1 << 20]);
        return [.. Enumerable.Repeat(member, mebibytes).SelectMany(m => m)];
    }
}
