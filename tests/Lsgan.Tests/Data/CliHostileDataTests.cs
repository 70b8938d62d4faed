using System.Diagnostics;
using SkiaSharp;
using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Data;

/// <summary>Hostile data as a user meets it through the real executable: exit 1, one line, nothing changed.</summary>
public sealed class CliHostileDataTests : IDisposable
{
    // Start-up (runtime, libtorch) takes a few seconds; a hang on a named pipe would take the runner's 3 minutes.
    private static readonly TimeSpan StartAndRefuse = TimeSpan.FromSeconds(60);

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static (Result Result, TimeSpan Took) Timed(string dir, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var result = Run(dir, args);
        return (result, clock.Elapsed);
    }

    [Fact]
    public void Given_data_dir_naming_a_file_When_training_Then_exit_1_names_the_file_and_keeps_it()
    {
        string file = temp.Combine("notes.txt");
        File.WriteAllText(file, "mine");

        var (result, _) = Timed(temp.Path, "train", "--data-dir", file, "--max-steps", "1", "--out", temp.Combine("run"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"lsgan: The data directory {file} (from --data-dir) is a file, not a folder; lsgan will not "
            + "replace it: give --data-dir a folder.", AssertCleanError(result));
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void Given_a_named_pipe_as_the_cached_training_images_When_training_Then_exit_1_comes_without_waiting()
    {
        // The runner points LSGAN_DATA_DIR at the test folder, so this is the cache the command looks in.
        string pipe = temp.Combine("fashion-mnist", "train-images-idx3-ubyte");
        HostileFiles.Fifo(pipe);

        var (result, took) = Timed(temp.Path, "train", "--max-steps", "1", "--out", temp.Combine("run"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"lsgan: {pipe} is not a regular file but a named pipe", AssertCleanError(result));
        Assert.InRange(took, TimeSpan.Zero, StartAndRefuse);
    }

    [Fact]
    public void Given_a_truncated_png_among_the_images_When_scoring_with_fid_Then_exit_1_names_it()
    {
        for (int i = 0; i < 8; i++)
            TestImages.WriteSolid(temp.File("real", $"{i}.png"), SKColors.White, 28, 28);
        byte[] truncated = HostileImages.Truncated(HostileImages.Noise(28, 28), 0.5);
        HostileFiles.Bytes(temp.Combine("fake", "cut.png"), truncated);

        var result = Run(temp.Path, "fid", temp.Combine("real"), temp.Combine("fake"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"lsgan: {temp.Combine("fake", "cut.png")} is truncated or corrupt: its image data ends early or "
            + "is damaged.", AssertCleanError(result));
        Assert.Equal(truncated, File.ReadAllBytes(temp.Combine("fake", "cut.png")));
    }

    [Fact]
    public void Given_a_dataset_path_that_is_a_link_loop_When_training_Then_exit_1_says_it_loops_before_a_run_is_made()
    {
        string loop = temp.Combine("faces");
        HostileFiles.LinkLoop(loop);

        var result = Run(temp.Path, "train", "--dataset", loop, "--max-steps", "1", "--out", temp.Combine("run"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"lsgan: The dataset {loop} is a symbolic link that loops", AssertCleanError(result));
        Assert.False(Directory.Exists(temp.Combine("run")));
    }

    [Fact]
    public void Given_a_decompression_bomb_png_When_training_on_the_folder_Then_exit_1_names_it_and_its_size()
    {
        string bomb = temp.Combine("faces", "bomb.png");
        HostileFiles.Bytes(bomb, HostileImages.PngClaiming(60000, 60000));

        var result = Run(temp.Path, "train", "--dataset", temp.Combine("faces"), "--max-steps", "1", "--out", temp.Combine("run"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"lsgan: {bomb} says it is 60000x60000 pixels, more than the 8192", AssertCleanError(result));
    }
}
