namespace Lsgan.IO;

/// <summary>Moves a directory out of the way without deleting anything: to the first free &lt;path&gt;.&lt;reason&gt;(-N).</summary>
public static class SetAside
{
    /// <summary>Moves <paramref name="path"/> to <c>path.reason</c>, or <c>path.reason-1</c>, <c>-2</c>… if taken; returns where it went.</summary>
    public static string Directory(string path, string reason)
    {
        string aside = $"{path}.{reason}";
        for (int i = 1; System.IO.Directory.Exists(aside); i++) aside = $"{path}.{reason}-{i}";
        System.IO.Directory.Move(path, aside);
        return aside;
    }
}
