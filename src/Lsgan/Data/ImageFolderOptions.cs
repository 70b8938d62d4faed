namespace Lsgan.Data;

/// <summary>How <see cref="ImageFolder"/> turns a user's images into tensors.</summary>
/// <param name="Channels">1 for grayscale (luminance) or 3 for RGB.</param>
/// <param name="Height">Target height; null keeps the images' own size, which must then be the same for all.</param>
/// <param name="Width">Target width; null keeps the images' own size, which must then be the same for all.</param>
public sealed record ImageFolderOptions(int Channels = 3, int? Height = null, int? Width = null)
{
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
        if (Height.HasValue != Width.HasValue)
            errors.Add("Height and Width must be given together or not at all.");
        return errors;
    }
}
