namespace Lsgan.Data;

/// <summary>
/// Debian's dataset package, fetched without root: apt-get download puts the .deb in a scratch folder
/// and dpkg-deb -x unpacks it there, without installing anything.
/// </summary>
internal sealed class AptPackageSource(TimeSpan timeout) : IDatasetSource
{
    private string? unpackedDir;

    public bool Serves(DatasetInfo dataset) => dataset.AptPackage is not null;

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
        Directory.CreateDirectory(workDir);
        progress?.Report($"Running apt-get download {package}");
        ProcessRunner.Run("apt-get", ["download", package], workDir, timeout, cancellation);
        string deb = Directory.GetFiles(workDir, "*.deb").SingleOrDefault()
            ?? throw new InvalidOperationException("apt-get download produced no .deb file");
        string root = Path.Combine(workDir, "root");
        ProcessRunner.Run("dpkg-deb", ["-x", deb, root], workDir, timeout, cancellation);
        return root;
    }
}
