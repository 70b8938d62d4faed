namespace Lsgan.Data;

/// <summary>
/// One place <see cref="DatasetFetcher"/> can get dataset files from. A source that lacks a file
/// returns null; a source that breaks (missing tool, network error) throws, and the fetcher notes the
/// reason and stops asking it.
/// </summary>
internal interface IDatasetSource
{
    /// <summary>Whether the source can serve this dataset at all (e.g. it has an apt package).</summary>
    bool Serves(DatasetInfo dataset);

    /// <summary>A phrase for the "tried …" list, e.g. "the system copy in /usr/share/datasets/mnist".</summary>
    string Describe(DatasetInfo dataset);

    /// <summary>
    /// A local path holding <paramref name="file"/>, raw or gzip, or null when the source lacks it.
    /// Anything the source creates goes under <paramref name="scratchDir"/>, which the fetcher deletes.
    /// </summary>
    string? Locate(DatasetInfo dataset, DatasetFile file, string scratchDir, IProgress<string>? progress,
        CancellationToken cancellation);
}
