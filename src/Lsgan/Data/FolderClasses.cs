namespace Lsgan.Data;

/// <summary>
/// The labels an image folder gives, as torchvision's ImageFolder reads them: when no image lies in the folder
/// itself, each sub-folder is a class, class indices follow the sub-folders' names in ordinal sort order, and
/// every image (at any depth) belongs to the sub-folder it lies under.
/// </summary>
internal static class FolderClasses
{
    /// <summary>
    /// The class names and one label per path of <paramref name="paths"/> (image files under
    /// <paramref name="folder"/>), or null when an image lies directly in <paramref name="folder"/> (an unlabelled
    /// folder). A class sub-folder holding no image is an <see cref="LsganException"/> naming it, since its index
    /// would be a class without samples.
    /// </summary>
    public static (string[] Names, long[] Labels)? Of(string folder, IReadOnlyList<string> paths)
    {
        var firstParts = new string[paths.Count];
        for (int i = 0; i < paths.Count; i++)
        {
            string relative = Path.GetRelativePath(folder, paths[i]);
            int slash = relative.IndexOf(Path.DirectorySeparatorChar);
            if (slash < 0)
                return null;
            firstParts[i] = relative[..slash];
        }

        string[] names = [.. Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        var index = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (long)p.i, StringComparer.Ordinal);
        long[] labels = [.. firstParts.Select(part => index[part])];
        var counts = new int[names.Length];
        foreach (long label in labels)
            counts[label]++;
        int empty = Array.IndexOf(counts, 0);
        if (empty >= 0)
            throw new LsganException(
                $"The class folder {Path.Combine(folder, names[empty])} holds no .png, .jpg or .jpeg files; the "
                + "sub-folders of a labelled image folder are its classes, so remove it or put its images there.");
        return (names, labels);
    }
}
