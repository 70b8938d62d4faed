namespace Lsgan.Data;

/// <summary>
/// Debian's dataset package, fetched without root: <c>apt-get download</c> puts the .deb in a scratch folder
/// and <c>dpkg-deb -x</c> unpacks it there, without installing anything. When the system's package lists do not
/// know the package (often because <c>apt-get update</c> never ran on the machine), the lists are fetched into a
/// private folder in the scratch space first (<see cref="AptLists"/>), which needs no root either.
/// </summary>
internal sealed class AptPackageSource(TimeSpan timeout, bool trySystemLists, bool usePrivateLists) : IDatasetSource
{
    private string? unpackedDir;

    public bool Serves(DatasetInfo dataset) => dataset.AptPackage is not null && (trySystemLists || usePrivateLists);

    public string Describe(DatasetInfo dataset) => $"apt-get download {dataset.AptPackage}";

    public string? Locate(DatasetInfo dataset, DatasetFile file, string scratchDir, IProgress<string>? progress,
        CancellationToken cancellation)
    {
        unpackedDir ??= Unpack(dataset.AptPackage!, Path.Combine(scratchDir, "apt"), progress, cancellation);
        // The package installs into the same layout as the system copy: usr/share/datasets/<name>.
        return DatasetCache.Find(Path.Combine(unpackedDir, "usr", "share", "datasets", dataset.Name), file.Name);
    }

    private string Unpack(string package, string workDir, IProgress<string>? progress, CancellationToken cancellation)
    {
        string deb = Download(package, workDir, progress, cancellation);
        string root = Path.Combine(workDir, "root");
        progress?.Report($"Unpacking {Path.GetFileName(deb)} (dpkg-deb -x)");
        ProcessRunner.Run("dpkg-deb", ["-x", deb, root], workDir, timeout, cancellation);
        return root;
    }

    /// <summary>The downloaded .deb: through the system's lists if they know the package, else private ones.</summary>
    private string Download(string package, string workDir, IProgress<string>? progress, CancellationToken cancellation)
    {
        if (trySystemLists)
        {
            try
            {
                return Download(package, AptLists.SystemLists, Path.Combine(workDir, "system-download"), progress, cancellation);
            }
            catch (InvalidOperationException e) when (usePrivateLists)
            {
                progress?.Report($"apt-get download {package} with the system's package lists failed ({e.Message}); "
                    + "fetching package lists into a private folder instead");
            }
        }
        var lists = AptLists.PrivateIn(Path.Combine(workDir, "lists"));
        progress?.Report($"Running apt-get update into {lists.Describe()}");
        ProcessRunner.Run("apt-get", lists.UpdateArguments(), workDir, timeout, cancellation, Relay(progress));
        return Download(package, lists, Path.Combine(workDir, "private-download"), progress, cancellation);
    }

    private string Download(string package, AptLists lists, string downloads, IProgress<string>? progress,
        CancellationToken cancellation)
    {
        Directory.CreateDirectory(downloads);
        progress?.Report($"Running apt-get download {package} with {lists.Describe()}");
        ProcessRunner.Run("apt-get", lists.DownloadArguments(package), downloads, timeout, cancellation, Relay(progress));
        return Directory.GetFiles(downloads, "*.deb").SingleOrDefault()
            ?? throw new InvalidOperationException("apt-get download produced no .deb file");
    }

    private static Action<string>? Relay(IProgress<string>? progress) =>
        progress is null ? null : line => progress.Report("  apt-get: " + line);
}
