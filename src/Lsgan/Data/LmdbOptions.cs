namespace Lsgan.Data;

/// <summary>How <see cref="LmdbImages"/> turns an LMDB database of encoded images into tensors.</summary>
/// <param name="Channels">1 for grayscale (luminance) or 3 for RGB.</param>
/// <param name="ImageSize">Side of the square images made by centre-cropping and resizing each one.</param>
/// <param name="MaxImages">
/// Read only the first this many entries in key order (null: all). LSUN's keys are hashes, so the first N are a
/// fair sample; the images are held whole in memory as float32, so a full LSUN category (3 million bedrooms) needs
/// a cap.
/// </param>
public sealed record LmdbOptions(int Channels = 3, int ImageSize = 64, int? MaxImages = null)
{
    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Channels is not (1 or 3))
            errors.Add($"Channels must be 1 (grayscale) or 3 (RGB), not {Channels}.");
        if (ImageSize is < 1 or > ImageFiles.MaxImageSide)
            errors.Add($"ImageSize must be between 1 and {ImageFiles.MaxImageSide}, not {ImageSize}.");
        if (MaxImages is < 1)
            errors.Add($"MaxImages must be positive, not {MaxImages}.");
        return errors;
    }
}
