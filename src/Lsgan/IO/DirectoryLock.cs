namespace Lsgan.IO;

/// <summary>
/// An exclusive lock on a directory that one process writes (a run): the file <c>.lock</c> in it, held open
/// with <see cref="FileShare.None"/>, which .NET turns into an advisory <c>flock</c> on Linux. The kernel drops
/// it when the process ends in any way, <c>kill -9</c> included, so a lock is never stale. The holder's pid goes
/// into <c>.lock.owner</c> (informative only: the lock is the flock, not that file).
/// </summary>
public sealed class DirectoryLock : IDisposable
{
    public const string FileName = ".lock";
    public const string OwnerFileName = ".lock.owner";

    private readonly FileStream stream;

    private DirectoryLock(FileStream stream) => this.stream = stream;

    /// <summary>Takes the lock of <paramref name="directory"/> (which must exist) or throws naming the holder.</summary>
    public static DirectoryLock Acquire(string directory)
    {
        string path = Path.Combine(directory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (!WriteFailure.IsDiskFull(e) && File.Exists(path))
        {
            throw new LsganException($"{directory} is in use by another lsgan process{Owner(directory)}; wait for it to finish (or stop it) and try again.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw WriteFailure.For(path, e);
        }
        try
        {
            File.WriteAllText(Path.Combine(directory, OwnerFileName), $"{Environment.ProcessId}\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The pid only makes the message of a second process clearer.
        }
        return new DirectoryLock(stream);
    }

    private static string Owner(string directory)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(directory, OwnerFileName)).Trim();
            return int.TryParse(text, out int pid) ? $" (pid {pid})" : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    public void Dispose() => stream.Dispose();
}
