using SkiaSharp;
using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Cli;

/// <summary>Trains through the CLI on a small folder of images made here, so no dataset is fetched.</summary>
public sealed class CliTrainingTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly string images;

    public CliTrainingTests() => images = TrainedRunFixture.WriteColourImages(dir.Combine("images"));

    private string[] Train(string output, params string[] extra) =>
        ["train", "--dataset", images, "--out", output, "--batch-size", "8", "--threads", "1", "--latent-dim", "8", .. extra];

    [Fact]
    public void Training_then_generating_from_the_run_writes_a_grid_and_single_images()
    {
        string run = dir.Combine("run");
        var trained = Run(dir.Path, Train(run, "--max-steps", "3"));
        Assert.True(trained.ExitCode == 0, trained.Stderr);
        Assert.True(File.Exists(Path.Combine(run, "checkpoints", "latest", "state.json")));

        var generated = Run(dir.Path, "generate", "--run", run, "--count", "5", "--seed", "4", "--out", dir.Combine("grid.png"),
            "--singles", dir.Combine("singles"));

        Assert.True(generated.ExitCode == 0, generated.Stderr);
        using var grid = SKBitmap.Decode(dir.Combine("grid.png"));
        // 5 images → 3 columns × 2 rows of 28-pixel tiles with 2-pixel borders.
        Assert.Equal((3 * 30 + 2, 2 * 30 + 2), (grid.Width, grid.Height));
        Assert.Equal(5, Directory.GetFiles(dir.Combine("singles"), "*.png").Length);
    }

    [Fact]
    public void Given_train_when_run_with_defaults_then_an_event_file_is_written_and_with_no_tensorboard_none_is()
    {
        string run = dir.Combine("run"), quiet = dir.Combine("quiet");
        var trained = Run(dir.Path, Train(run, "--max-steps", "2", "--log-every", "1"));
        var untracked = Run(dir.Path, Train(quiet, "--max-steps", "2", "--no-tensorboard"));

        Assert.True(trained.ExitCode == 0, trained.Stderr);
        Assert.True(untracked.ExitCode == 0, untracked.Stderr);
        string events = Assert.Single(Directory.GetFiles(run, "events.out.tfevents.*"));
        var steps = Training.TfRecordReader.ReadEvents(events)
            .Where(e => e.Values.Any(v => v.Tag == "loss/g")).Select(e => e.Step);
        Assert.Equal(new long[] { 1, 2 }, steps);
        Assert.Empty(Directory.GetFiles(quiet, "events.out.tfevents.*"));
    }

    [Fact]
    public void A_new_run_never_overwrites_an_existing_directory()
    {
        string run = dir.Combine("existing");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "notes.txt"), "mine");

        string error = AssertCleanError(Run(dir.Path, Train(run, "--max-steps", "1")));

        Assert.Contains("already holds files", error);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(run, "notes.txt")));
        Assert.Single(Directory.GetFileSystemEntries(run));
    }

    [Fact]
    public void An_output_directory_that_cannot_be_written_is_reported()
    {
        string error = AssertCleanError(Run(dir.Path, Train("/proc/lsgan-cannot-write", "--max-steps", "1")));

        Assert.Contains("Cannot write the run directory", error);
    }

    [Fact]
    public void A_resumed_run_refuses_options_that_would_change_its_saved_config()
    {
        string run = dir.Combine("run");
        Assert.Equal(0, Run(dir.Path, Train(run, "--max-steps", "1")).ExitCode);

        string error = AssertCleanError(Run(dir.Path, "train", "--resume", run, "--model", "mlp"));

        Assert.Contains("--model cannot change a resumed run", error);
    }

    public void Dispose() => dir.Dispose();
}
