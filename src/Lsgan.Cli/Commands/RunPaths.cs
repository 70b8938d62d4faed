using Lsgan.Data;
using Lsgan.Training;

namespace Lsgan.Cli.Commands;

/// <summary>Checks of the paths commands read runs from and write results to, before the slow work starts.</summary>
internal static class RunPaths
{
    /// <summary>Refuses a --run or --resume path that is not a folder, saying what it is instead.</summary>
    public static void RequireRunFolder(string path, string option)
    {
        var kind = PathCheck.Classify(path);
        if (kind == PathKind.Folder) return;
        throw new LsganException(kind == PathKind.File
            ? $"{option} {path} is a file, not a run directory or checkpoint."
            : $"{option} {PathCheck.Describe(path, kind)}.");
    }

    /// <summary>
    /// Before a resumed run trains: the files it appends to must be regular files and the folders it writes
    /// into must be folders, so a step's work is not lost to a file a user put in their place.
    /// </summary>
    public static void RequireRunLayout(RunDirectory run)
    {
        foreach (string file in new[] { run.MetricsFile, run.EvaluationMetricsFile, run.RuntimeFile, run.LossPlotFile })
        {
            var kind = PathCheck.Classify(file);
            if (kind is not (PathKind.Missing or PathKind.File))
                throw new LsganException($"{PathCheck.Describe(file, kind)}; lsgan will not replace it: move it away to resume {run.Path}.");
        }
        PathCheck.EnsureFolder(run.SamplesDirectory, $"The samples folder {run.SamplesDirectory}", $"move it away to resume {run.Path}");
    }

    /// <summary>
    /// Refuses an output file path that names a folder or something other than a file, or whose folder cannot
    /// be made; creates that folder. Nothing already there is replaced before the work is done.
    /// </summary>
    public static void PrepareOutputFile(string path, string option)
    {
        var kind = PathCheck.Classify(path);
        if (kind is not (PathKind.Missing or PathKind.File))
            throw new LsganException($"{option} {PathCheck.Describe(path, kind)}; give a file path.");
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        PathCheck.EnsureFolder(folder, $"The folder of {option} {path}", "give a path in a folder lsgan can write");
    }

    /// <summary>A path as a POSIX shell word, so a printed command can be pasted back even with spaces or quotes in it.</summary>
    public static string ShellQuote(string path) =>
        path.Length > 0 && path.All(c => char.IsAsciiLetterOrDigit(c) || "_-./:@%+=,".Contains(c))
            ? path
            : $"'{path.Replace("'", "'\\''")}'";
}
