namespace Lsgan.Data;

/// <summary>
/// Looks at what a path names before the data layer opens or creates it. Only regular files are read and only
/// folders are written into; a named pipe (which would block forever), a device, a broken or looping symbolic
/// link, or a file where a folder belongs becomes an <see cref="LsganException"/> naming the path. Nothing a
/// user put there is ever replaced or deleted.
/// </summary>
public static class PathCheck
{
    /// <summary>What <paramref name="path"/> names, following symbolic links.</summary>
    public static PathKind Classify(string path)
    {
        if (string.IsNullOrEmpty(path))
            return PathKind.Missing;
        try
        {
            var entry = new FileInfo(path);
            if (entry.LinkTarget is not null)
            {
                try
                {
                    var target = entry.ResolveLinkTarget(returnFinalTarget: true);
                    if (target is null || !(File.Exists(target.FullName) || Directory.Exists(target.FullName)))
                        return PathKind.BrokenLink;
                }
                catch (IOException)
                {
                    // .NET reports a chain that never ends ("Too many levels of symbolic links") this way.
                    return PathKind.LinkLoop;
                }
            }
            if (Directory.Exists(path))
                return PathKind.Folder;
            if (!File.Exists(path))
                return PathKind.Missing;
            return OperatingSystem.IsWindows() ? PathKind.File : UnixFileType.Of(path) ?? PathKind.Missing;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new LsganException($"{path} cannot be inspected ({Reason(e)}); check the path and its permissions.", e);
        }
    }

    /// <summary>
    /// Throws unless <paramref name="path"/> is a regular file (after symbolic links). The message says what is
    /// there instead, then <paramref name="advice"/> (a clause saying what to do) or a default for that kind.
    /// </summary>
    public static void RequireFile(string path, string? advice = null)
    {
        var kind = Classify(path);
        if (kind == PathKind.File)
            return;
        throw new LsganException($"{path} {Predicate(path, kind)}; {advice ?? DefaultAdvice(kind)}.");
    }

    /// <summary>Opens a regular file for reading; anything else is an <see cref="LsganException"/> naming it.</summary>
    public static FileStream OpenRead(string path, int bufferSize = 4096)
    {
        RequireFile(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"{path} cannot be opened for reading ({Reason(e)}); check its permissions.", e);
        }
    }

    /// <summary>
    /// Makes sure <paramref name="path"/> is a folder: creates it (with its parents) when nothing is there,
    /// accepts an existing folder or a link to one, and refuses anything else without touching it.
    /// <paramref name="subject"/> starts the message ("The data directory /x (from --data-dir)");
    /// <paramref name="advice"/> ends it with what to do.
    /// </summary>
    public static void EnsureFolder(string path, string subject, string advice)
    {
        var kind = Classify(path);
        if (kind == PathKind.Folder)
            return;
        if (kind != PathKind.Missing)
            throw new LsganException($"{subject} {Predicate(path, kind)}; lsgan will not replace it: {advice}.");
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"{subject} cannot be created ({Reason(e)}); {advice}.", e);
        }
    }

    /// <summary>A clause saying what <paramref name="path"/> is, e.g. "x is a symbolic link that loops (…)".</summary>
    public static string Describe(string path, PathKind kind) => $"{path} {Predicate(path, kind)}";

    /// <summary>The rest of a sentence about a path that is not what was wanted, e.g. "is a named pipe …".</summary>
    internal static string Predicate(string path, PathKind kind) => kind switch
    {
        PathKind.Missing => "does not exist",
        PathKind.File => "is a file, not a folder",
        PathKind.Folder => "is a folder, not a regular file",
        PathKind.BrokenLink => $"is a symbolic link to {new FileInfo(path).LinkTarget}, which does not exist",
        PathKind.LinkLoop => "is a symbolic link that loops (it never reaches a file or folder)",
        PathKind.NamedPipe => "is not a regular file but a named pipe (FIFO)",
        PathKind.Device => "is not a regular file but a device",
        _ => "is not a regular file but a socket",
    };

    private static string DefaultAdvice(PathKind kind) => kind switch
    {
        PathKind.Missing => "check the path",
        PathKind.BrokenLink or PathKind.LinkLoop => "fix or remove the link",
        _ => "lsgan reads data only from regular files",
    };

    /// <summary>An exception's message as a clause: no trailing full stop.</summary>
    internal static string Reason(Exception e) => e.Message.Split('\n')[0].TrimEnd('.', ' ');
}
