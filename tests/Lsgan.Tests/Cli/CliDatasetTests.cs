using System.Text.Json;
using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Cli;

/// <summary>The dataset kinds of issue 16 through the CLI: an LMDB folder, and options refused for the wrong dataset.</summary>
public sealed class CliDatasetTests : IDisposable
{
    private static readonly string Lmdb = Path.Combine(AppContext.BaseDirectory, "Data", "Lmdb09");

    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Given_a_folder_holding_an_lmdb_When_dcgan_trains_three_steps_in_colour_Then_the_run_records_the_cap()
    {
        string run = dir.Combine("run");

        var trained = Run(dir.Path, "train", "--dataset", Lmdb, "--model", "dcgan", "--channels", "3", "--max-images", "100",
            "--max-steps", "3", "--batch-size", "8", "--threads", "1", "--latent-dim", "8", "--out", run);

        Assert.True(trained.ExitCode == 0, trained.Stderr);
        // Off a terminal, loading's stage line on stderr, stamped with the seconds since loading began.
        Assert.Matches(@"(?m)^\[ *\d+\.\d s\] Reading 100 of the 201 images in ", trained.Stderr);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Equal(100, config.RootElement.GetProperty("dataset_options").GetProperty("max_images").GetInt32());
        Assert.True(File.Exists(Path.Combine(run, "checkpoints", "latest", "state.json")));
    }

    [Fact]
    public void Given_hanzi_options_for_mnist_When_training_Then_one_line_refuses_them_and_nothing_is_written()
    {
        var result = Run(dir.Path, "train", "--dataset", "mnist", "--classes", "10", "--out", dir.Combine("run"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("lsgan: --classes, --samples-per-class and --data-seed are for --dataset hanzi, not mnist.", AssertCleanError(result));
        Assert.False(Directory.Exists(dir.Combine("run")));
    }

    [Fact]
    public void Given_max_images_for_an_image_folder_When_training_Then_one_line_says_it_is_for_lmdb()
    {
        TrainedRunFixture.WriteColourImages(dir.Combine("images"));

        var result = Run(dir.Path, "train", "--dataset", dir.Combine("images"), "--max-images", "5", "--out", dir.Combine("run"));

        Assert.Equal($"lsgan: --max-images is for LMDB datasets (a folder holding data.mdb), not {dir.Combine("images")}.", AssertCleanError(result));
    }

    [Fact]
    public void Given_a_truncated_lmdb_When_training_Then_one_line_names_it_and_no_run_is_made()
    {
        Directory.CreateDirectory(dir.Combine("db"));
        File.WriteAllBytes(dir.Combine("db", "data.mdb"), File.ReadAllBytes(Path.Combine(Lmdb, "data.mdb"))[..20_000]);

        var result = Run(dir.Path, "train", "--dataset", dir.Combine("db"), "--channels", "3", "--out", dir.Combine("run"));

        Assert.StartsWith($"lsgan: {dir.Combine("db", "data.mdb")} is a damaged or truncated LMDB database: it is truncated", AssertCleanError(result));
        Assert.False(Directory.Exists(dir.Combine("run")));
    }
}
