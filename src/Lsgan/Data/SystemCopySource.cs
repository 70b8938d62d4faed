namespace Lsgan.Data;

/// <summary>Files already on the machine, e.g. /usr/share/datasets/fashion-mnist from Debian.</summary>
internal sealed class SystemCopySource(IReadOnlyList<string> systemDirs) : IDatasetSource
{
    public bool Serves(DatasetInfo dataset) => systemDirs.Count > 0;

    public string Describe(DatasetInfo dataset) =>
        "the system copy in " + string.Join(" or ", systemDirs.Select(d => Path.Combine(d, dataset.Name)));

    public string? Locate(DatasetInfo dataset, DatasetFile file, string scratchDir, IProgress<string>? progress,
        CancellationToken cancellation) =>
        systemDirs.Select(d => DatasetCache.Find(Path.Combine(d, dataset.Name), file.Name))
            .FirstOrDefault(path => path is not null);
}
