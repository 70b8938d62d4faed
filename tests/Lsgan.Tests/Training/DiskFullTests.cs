using System.Diagnostics;
using Lsgan.IO;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

/// <summary>
/// A real full disk: a small tmpfs mounted for the test (root only; where mount is not permitted the tests
/// return without asserting, as they cannot make the fault).
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly string disk;
    private bool mounted;

    public DiskFullTests()
    {
        set_num_threads(1);
        disk = dir.Combine("disk");
        Directory.CreateDirectory(disk);
    }

    private bool Mount(long bytes, string option = "")
    {
        long pages = (bytes + 4095) / 4096 * 4096;
        using var mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", $"{option}size={pages}", "tmpfs", disk])
        {
            RedirectStandardError = true,
        })!;
        mount.WaitForExit();
        mounted |= mount.ExitCode == 0;
        return mount.ExitCode == 0;
    }

    public void Dispose()
    {
        if (mounted) Process.Start("umount", [disk])!.WaitForExit();
        dir.Dispose();
    }

    private static long SizeOf(string path) =>
        Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    private static IEnumerable<string> Partials(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".tmp", StringComparison.Ordinal) || p.Contains(".incoming", StringComparison.Ordinal));

    [Fact]
    public void Given_a_disk_with_room_for_one_checkpoint_when_the_next_save_runs_out_then_one_line_partials_removed_and_resume_works_after_space_is_freed()
    {
        string original = RunFaults.Train(dir.Combine("original"));
        long checkpoint = SizeOf(Path.Combine(original, "checkpoints", "latest"));
        if (!Mount(SizeOf(original) + checkpoint / 2)) return;
        string run = Path.Combine(disk, "run");
        foreach (string file in Directory.EnumerateFiles(original, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(run, Path.GetRelativePath(original, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var latest = RunFaults.Snapshot(Path.Combine(run, "checkpoints", "latest"));

        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<LsganException>(() => RunFaults.Resume(run));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
        Assert.StartsWith("No space left on device while writing ", error.Message);
        Assert.Contains(Path.Combine(run, "checkpoints"), error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(Partials(run));
        Assert.Equal(latest, RunFaults.Snapshot(Path.Combine(run, "checkpoints", "latest")));

        Assert.True(Mount(4 * SizeOf(original), "remount,"));
        Assert.Equal(TrainingOutcome.Completed, RunFaults.Resume(run));
        Assert.Equal(2, Checkpoint.Verify(Checkpoint.Resolve(run)).State.Epoch);
    }

    [Fact]
    public void Given_a_full_disk_when_a_json_file_is_replaced_then_one_line_names_it_and_the_old_file_and_no_temporary_remain()
    {
        if (!Mount(64 * 1024)) return;
        string file = Path.Combine(disk, "evaluation.json");
        File.WriteAllText(file, "{\"fid\": 1}");
        File.WriteAllBytes(Path.Combine(disk, "filler"), new byte[48 * 1024]);

        var error = Assert.Throws<LsganException>(() => AtomicFile.WriteAllText(file, new string('x', 64 * 1024)));

        Assert.True(error.Message.StartsWith($"No space left on device while writing {file}", StringComparison.Ordinal), error.Message);
        Assert.Equal("{\"fid\": 1}", File.ReadAllText(file));
        Assert.Empty(Partials(disk));
    }

    [Fact]
    public void Given_a_full_disk_when_a_log_line_is_appended_then_one_line_names_the_log()
    {
        if (!Mount(64 * 1024)) return;
        string run = Path.Combine(disk, "run");
        using var created = RunDirectory.CreateNew(run, disk, RunFaults.Config);
        File.WriteAllBytes(Path.Combine(disk, "filler"), new byte[new DriveInfo(disk).AvailableFreeSpace - 4096]);
        var record = new MetricsRecord(1, 1, 0.5, 0.5, 0.5, 0.5, 1, 1);

        var error = Assert.Throws<LsganException>(() =>
        {
            for (int i = 0; i < 10_000; i++) created.AppendMetrics(record);
        });

        Assert.StartsWith($"No space left on device while writing {created.MetricsFile}", error.Message);
    }
}
