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
    public static string Resolve(string? dataDir, Func<string, string?>? environment = null) =>
        Locate(dataDir, environment).Path;

    /// <summary>
    /// The absolute cache root and where it came from ("--data-dir", "LSGAN_DATA_DIR", "XDG_CACHE_HOME" or
    /// "HOME"), so an error about the folder can say which setting to change.
    /// </summary>
    public static (string Path, string Origin) Locate(string? dataDir, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(dataDir))
            return (FullPath(dataDir, "--data-dir"), "--data-dir");
        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            return (FullPath(fromEnvironment, EnvironmentVariable), EnvironmentVariable);
        // The XDG base-directory spec says relative values are invalid and must be ignored.
        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
            return (Path.Combine(xdg, "lsgan"), "XDG_CACHE_HOME");
        string home = environment("HOME") is { Length: > 0 } h
            ? h
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return (Path.Combine(home, ".cache", "lsgan"), "HOME");
    }

    private static string FullPath(string path, string origin)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (ArgumentException e)
        {
            // A NUL character is the one thing that makes a path invalid on Unix.
            throw new LsganException($"The {origin} value '{path}' is not a valid path ({PathCheck.Reason(e)}).", e);
        }
    }
}
