namespace Lsgan.Data;

/// <summary>How <see cref="ImageFolder"/> turns a user's images into tensors.</summary>
/// <param name="Channels">1 for grayscale (luminance) or 3 for RGB.</param>
/// <param name="Height">Target height; null keeps the images' own size, which must then be the same for all.</param>
/// <param name="Width">Target width; null keeps the images' own size, which must then be the same for all.</param>
/// <param name="MaxImages">The most images one folder may hold; a folder with more is refused before loading.</param>
public sealed record ImageFolderOptions(int Channels = 3, int? Height = null, int? Width = null,
    int MaxImages = ImageFolderOptions.DefaultMaxImages)
{
    /// <summary>
    /// A million images: 17 times Fashion-MNIST's training set, and about 9 GiB as 3 x 28 x 28 float32 (twice that
    /// while the tensor is copied). A folder is loaded whole into memory, so a larger one is more likely a wrong
    /// path than a dataset, and listing stops there instead of walking millions of files first.
    /// </summary>
    public const int DefaultMaxImages = 1_000_000;

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Channels is not (1 or 3))
            errors.Add($"Channels must be 1 (grayscale) or 3 (RGB), not {Channels}.");
        if (Height is <= 0)
            errors.Add($"Height must be positive, not {Height}.");
        if (Width is <= 0)
            errors.Add($"Width must be positive, not {Width}.");
        if (Height > ImageFiles.MaxImageSide || Width > ImageFiles.MaxImageSide)
            errors.Add($"Height and Width must be at most {ImageFiles.MaxImageSide}, not {Height}x{Width}.");
        if (MaxImages <= 0)
            errors.Add($"MaxImages must be positive, not {MaxImages}.");
        if (Height.HasValue != Width.HasValue)
            errors.Add("Height and Width must be given together or not at all.");
        return errors;
    }
}
