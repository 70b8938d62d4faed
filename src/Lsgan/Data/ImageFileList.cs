using System.IO.Enumeration;

namespace Lsgan.Data;

/// <summary>
/// Lists the .png, .jpg and .jpeg files under a folder, recursively and in sorted path order. Linked folders are
/// followed, but each real folder is read once, so a link back to a parent (a loop) ends the walk instead of
/// repeating it until the path is too long.
/// </summary>
internal static class ImageFileList
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    /// <summary>
    /// The image files under <paramref name="folder"/>, sorted. Counting stops just past
    /// <paramref name="maxImages"/>, so a folder of millions of files is refused before it is listed whole.
    /// </summary>
    public static string[] Find(string folder, int maxImages)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        if (UnixRealPath.Of(folder) is { } root)
            visited.Add(root);
        // The same entries Directory.EnumerateFiles(folder, "*", AllDirectories) yields: hidden files included, and
        // an unreadable subfolder is an error rather than images silently left out.
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        var files = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToSpecifiedFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                !entry.IsDirectory && Extensions.Contains(Path.GetExtension(entry.FileName).ToString(),
                    StringComparer.OrdinalIgnoreCase),
            ShouldRecursePredicate = (ref FileSystemEntry entry) => FirstVisit(entry.ToSpecifiedFullPath(), visited),
        };

        var paths = new List<string>();
        try
        {
            foreach (string path in files)
            {
                if (paths.Count == maxImages)
                    throw new LsganException(
                        $"The image folder {folder} holds more than {maxImages} images, more than lsgan loads at once "
                        + "(it keeps a folder whole in memory); train on a subset in another folder.");
                paths.Add(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"The image folder {folder} cannot be listed ({PathCheck.Reason(e)}).", e);
        }
        paths.Sort(StringComparer.Ordinal);
        return [.. paths];
    }

    // Without a real path (off Unix), a linked folder is not entered: skipping it is safe, looping is not.
    private static bool FirstVisit(string directory, HashSet<string> visited) =>
        UnixRealPath.Of(directory) is { } real
            ? visited.Add(real)
            : new DirectoryInfo(directory).LinkTarget is null;
}
