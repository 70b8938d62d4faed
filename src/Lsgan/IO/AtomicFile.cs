namespace Lsgan.IO;

/// <summary>Writes files through a temporary name and a rename, so readers never see a half-written file.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        string temporary = TemporaryPath(path);
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Lets <paramref name="write"/> fill a temporary file, then moves it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> write)
    {
        string temporary = TemporaryPath(path);
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static string TemporaryPath(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
}
