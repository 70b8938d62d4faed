using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Cli;

/// <summary>
/// Runs lsgan on a command line that must be refused, in a scratch folder holding one folder (RUN) and one
/// file (FILE), and checks what a user should see: the exit code, one line naming the problem, no stack trace,
/// a refusal within seconds, and nothing written, moved or changed in the folder.
/// </summary>
internal static class HostileInput
{
    /// <summary>Refused input must end in a few seconds; a process start alone takes ~0.5 s.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>
    /// <paramref name="commandLine"/>: arguments separated by '|' (so an empty argument can be written), with
    /// RUN and FILE standing for the scratch folder's folder and file.
    /// </summary>
    public static string AssertRefused(string commandLine, int exitCode)
    {
        using var dir = new TempDirectory();
        string run = dir.Combine("run");
        Directory.CreateDirectory(run);
        string file = dir.Combine("file.txt");
        File.WriteAllText(file, "the user's own file");
        var before = Snapshot(dir.Path);
        string[] args = commandLine.Length == 0 ? [] : [.. commandLine.Split('|').Select(a => a.Replace("RUN", run).Replace("FILE", file))];

        var result = Run(dir.Path, Bound * 2, args);

        Assert.True(result.Elapsed < Bound, $"took {result.Elapsed.TotalSeconds:F1} s");
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, expected {exitCode}; stderr: {result.Stderr}");
        string line = AssertCleanError(result);
        Assert.DoesNotContain("unexpected", line);
        Assert.Equal(before, Snapshot(dir.Path));
        return line;
    }

    /// <summary>A pattern for a message in which RUN and FILE stand for the scratch folder's absolute paths.</summary>
    public static string Pattern(string expected) =>
        System.Text.RegularExpressions.Regex.Escape(expected).Replace("RUN", @"\S*/run").Replace("FILE", @"\S*/file\.txt");

    /// <summary>
    /// Every entry under <paramref name="root"/> with the bytes of each file, but for the run lock's owner note: a
    /// refused command may take the free lock (and write its pid there) before it finds what is wrong.
    /// </summary>
    public static string Snapshot(string root) =>
        string.Join("\n", Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Order()
            .Where(path => Path.GetFileName(path) != ".lock.owner")
            .Select(path => File.Exists(path) ? $"{path} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))}" : path));
}
