namespace Lsgan.IO;

/// <summary>Turns a failed write into the one line a user reads: a full disk says so and names the file.</summary>
public static class WriteFailure
{
    // errno 28 on Linux; .NET puts it in the message and, for most calls, in HResult. A file created with a
    // preallocation size fails with its own message instead.
    private const int NoSpaceErrno = 28;

    public static bool IsDiskFull(Exception e) =>
        e is IOException && (e.HResult == NoSpaceErrno || (e.HResult & 0xFFFF) == 0x70
            || e.Message.Contains("No space left on device", StringComparison.Ordinal)
            || e.Message.Contains("because the disk was full", StringComparison.Ordinal));

    /// <summary>"No space left on device while writing PATH." or "Cannot write PATH: reason."</summary>
    public static LsganException For(string path, Exception e) => IsDiskFull(e)
        ? new LsganException($"No space left on device while writing {path}; free some space and try again (what was written before is intact).", e)
        : new LsganException($"Cannot write {path}: {e.Message.Split('\n')[0].Trim()}", e);

    /// <summary>Runs <paramref name="write"/>, turning I/O failures into <see cref="For"/>.</summary>
    public static void Guard(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw For(path, e);
        }
    }

    /// <summary>Deletes a partial file or directory left by a failed write; never throws.</summary>
    public static void RemovePartial(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next save deletes leftovers too.
        }
    }
}
