namespace Lsgan.Data;

/// <summary>
/// Decides where datasets are cached: the --data-dir option, else the LSGAN_DATA_DIR environment
/// variable, else $XDG_CACHE_HOME/lsgan, else ~/.cache/lsgan. Each dataset gets its own subfolder.
/// </summary>
public static class DataDirectory
{
    /// <summary>The environment variable that overrides the default cache location.</summary>
    public const string EnvironmentVariable = "LSGAN_DATA_DIR";

    /// <summary>The absolute cache root.</summary>
    /// <param name="dataDir">The --data-dir option, or null when not given.</param>
    /// <param name="environment">Reads an environment variable; tests pass a dictionary lookup.</param>
    public static string Resolve(string? dataDir, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(dataDir))
            return Path.GetFullPath(dataDir);
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            return Path.GetFullPath(fromEnvironment);
        // The XDG base-directory spec says relative values are invalid and must be ignored.
        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
            return Path.Combine(xdg, "lsgan");
        string home = environment("HOME") is { Length: > 0 } h
            ? h
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "lsgan");
    }
}
