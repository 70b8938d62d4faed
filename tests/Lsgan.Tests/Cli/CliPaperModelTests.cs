using SkiaSharp;
using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Cli;

/// <summary>The paper's networks through the CLI: a conditional run on MNIST with generate --class, a scene run on colour images.</summary>
public sealed class CliPaperModelTests(TrainedRunFixture unconditional) : IClassFixture<TrainedRunFixture>, IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Given_a_conditional_mnist_run_when_generating_class_3_then_16_images_are_written_and_a_class_it_lacks_is_one_line()
    {
        RealDatasets.Fetcher().Fetch("mnist");
        string run = dir.Combine("conditional");
        var trained = Run(dir.Path, "train", "--model", "paper-conditional", "--dataset", "mnist", "--data-dir", RealDatasets.CacheRoot,
            "--max-steps", "2", "--batch-size", "8", "--latent-dim", "8", "--threads", "1", "--out", run);
        Assert.True(trained.ExitCode == 0, trained.Stderr);

        var one = Run(dir.Path, "generate", "--run", run, "--class", "3", "--count", "16", "--out", dir.Combine("three.png"));
        var rows = Run(dir.Path, "generate", "--run", run, "--class", "1,3,5", "--count", "4", "--out", dir.Combine("rows.png"));
        string missing = AssertCleanError(Run(dir.Path, "generate", "--run", run, "--class", "3,10", "--out", dir.Combine("none.png")));

        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.Contains("Wrote 16 images", one.Stdout);
        using (var grid = SKBitmap.Decode(dir.Combine("three.png"))) Assert.Equal((4 * 30 + 2, 4 * 30 + 2), (grid.Width, grid.Height));
        // A row per class: 3 rows of 4 tiles.
        Assert.True(rows.ExitCode == 0, rows.Stderr);
        using (var grid = SKBitmap.Decode(dir.Combine("rows.png"))) Assert.Equal((4 * 30 + 2, 3 * 30 + 2), (grid.Width, grid.Height));
        Assert.Contains("--class 10", missing);
        Assert.Contains("10 classes of mnist, numbered 0 to 9", missing);
        Assert.False(File.Exists(dir.Combine("none.png")));
    }

    // hanzi and stacked-mnist are built by lsgan (rendered, stacked): refused before any of that work starts.
    [Theory]
    [InlineData("mnist")]
    [InlineData("hanzi")]
    [InlineData("stacked-mnist")]
    public void Given_the_scene_model_at_112_and_a_28x28_dataset_when_training_then_it_is_one_line_and_no_run_is_made(string dataset)
    {
        string run = dir.Combine($"scene-on-{dataset}");

        string error = AssertCleanError(Run(dir.Path, "train", "--model", "paper-scene", "--dataset", dataset, "--data-dir", dir.Combine("no-data"), "--out", run));

        Assert.Contains($"paper-scene model at 112x112 cannot train on {dataset}, whose images are 28x28", error);
        Assert.False(Directory.Exists(run));
        Assert.False(Directory.Exists(dir.Combine("no-data")), "nothing was fetched or rendered");
    }

    [Fact]
    public void Given_an_unconditional_run_when_generating_with_a_class_then_it_is_one_line_and_nothing_is_written()
    {
        string error = AssertCleanError(Run(dir.Path, "generate", "--run", unconditional.Run, "--class", "1", "--out", dir.Combine("g.png")));

        Assert.Contains("unconditional dcgan generator", error);
        Assert.False(File.Exists(dir.Combine("g.png")));
    }

    [Fact]
    public void Given_an_unconditional_run_when_interpolating_then_a_strip_of_a_linear_and_a_spherical_row_is_written()
    {
        var result = Run(dir.Path, "interpolate", "--run", unconditional.Run, "--from", "1", "--to", "2", "--steps", "5", "--out", dir.Combine("strip.png"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var strip = SKBitmap.Decode(dir.Combine("strip.png"));
        Assert.Equal((5 * 30 + 2, 2 * 30 + 2), (strip.Width, strip.Height));
    }

    [Fact]
    public void Given_a_colour_folder_when_the_scene_model_trains_at_64_then_generate_singles_writes_64x64_colour_pngs()
    {
        string images = TrainedRunFixture.WriteColourImages(dir.Combine("images"));
        string run = dir.Combine("scene");
        var trained = Run(dir.Path, "train", "--model", "paper-scene", "--image-size", "64", "--dataset", images, "--channels", "3",
            "--max-steps", "1", "--batch-size", "4", "--latent-dim", "16", "--threads", "1", "--out", run);
        Assert.True(trained.ExitCode == 0, trained.Stderr);

        var generated = Run(dir.Path, "generate", "--run", run, "--count", "2", "--singles", dir.Combine("singles"), "--out", dir.Combine("grid.png"));

        Assert.True(generated.ExitCode == 0, generated.Stderr);
        // Colour: PNGs of RGB pixels, not grey.
        AssertColourPngs(dir.Combine("singles"), 2, 64);
    }
}
