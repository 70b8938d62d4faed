using System.Security.Cryptography;

namespace Lsgan.Tests.Data;

/// <summary>
/// Everything under a folder as text (links by their target, files by their bytes' SHA-256), taken without
/// following links or opening empty files, so a named pipe or a link loop is recorded, never read.
/// </summary>
public static class TreeSnapshot
{
    /// <summary>
    /// Asserts that every entry of <paramref name="before"/> is unchanged under <paramref name="root"/>; the only
    /// additions allowed are empty folders (the cache folders a fetch creates before it finds a problem).
    /// </summary>
    public static void AssertKept(SortedDictionary<string, string> before, string root)
    {
        var after = Take(root);
        Assert.Equal(before, new SortedDictionary<string, string>(
            after.Where(e => before.ContainsKey(e.Key)).ToDictionary(), StringComparer.Ordinal));
        Assert.All(after.Keys.Except(before.Keys), added => Assert.Equal("folder", after[added]));
    }

    public static SortedDictionary<string, string> Take(string root)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(new DirectoryInfo(root), root, entries);
        return entries;
    }

    private static void Walk(DirectoryInfo dir, string root, SortedDictionary<string, string> entries)
    {
        foreach (var entry in dir.EnumerateFileSystemInfos())
        {
            string name = Path.GetRelativePath(root, entry.FullName);
            if (entry.LinkTarget is { } target)
                entries[name] = "link -> " + target;
            else if (entry is DirectoryInfo sub)
            {
                entries[name] = "folder";
                Walk(sub, root, entries);
            }
            else if (((FileInfo)entry).Length == 0)
                // Named pipes and sockets report 0 bytes too; opening them is what the tests guard against.
                entries[name] = "empty or special";
            else
                entries[name] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(entry.FullName)));
        }
    }
}
