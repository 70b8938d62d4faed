namespace Lsgan.Data;

/// <summary>Which half of an IDX dataset to load.</summary>
public enum DatasetSplit
{
    /// <summary>The training images (60,000 for MNIST and Fashion-MNIST).</summary>
    Train,

    /// <summary>The test images, the "t10k" files (10,000 for MNIST and Fashion-MNIST).</summary>
    Test,
}
