namespace Lsgan.Tests;

/// <summary>A fresh directory under the system temp dir, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lsgan-test-{Guid.NewGuid():N}");

    /// <summary>A path inside this folder (not created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>A path inside this folder, its parent folders created.</summary>
    public string File(params string[] parts)
    {
        string path = Combine(parts);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
