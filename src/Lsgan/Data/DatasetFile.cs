namespace Lsgan.Data;

/// <summary>
/// One file of a dataset and its checksum. The SHA-256 is of the decompressed IDX bytes, so a raw copy
/// and a .gz copy verify against the same constant.
/// </summary>
/// <param name="Name">The file name without .gz, e.g. "train-images-idx3-ubyte".</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the decompressed contents.</param>
public sealed record DatasetFile(string Name, string Sha256)
{
    /// <summary>Training images, rank 3 [N, H, W].</summary>
    public const string TrainImages = "train-images-idx3-ubyte";

    /// <summary>Training labels, rank 1 [N].</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte";

    /// <summary>Test images, rank 3 [N, H, W].</summary>
    public const string TestImages = "t10k-images-idx3-ubyte";

    /// <summary>Test labels, rank 1 [N].</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>The images file name of a split.</summary>
    public static string ImagesName(DatasetSplit split) => split == DatasetSplit.Train ? TrainImages : TestImages;

    /// <summary>The labels file name of a split.</summary>
    public static string LabelsName(DatasetSplit split) => split == DatasetSplit.Train ? TrainLabels : TestLabels;
}
