using System.Text.Json.Nodes;
using Lsgan.Tests.Data;
using SkiaSharp;
using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Cli;

/// <summary>The conditional net on an image folder with one sub-folder per class: train, resume, grids, generate --class, evaluate.</summary>
public sealed class CliLabelledFolderTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>Writes <paramref name="perClass"/> solid 28x28 PNGs into each of <paramref name="classes"/> sub-folders (seed 3).</summary>
    private string WriteClasses(string name, IReadOnlyList<string> classes, int perClass, bool colour)
    {
        var random = new Random(3);
        string folder = dir.Combine(name);
        foreach (string cls in classes)
        {
            for (int i = 0; i < perClass; i++)
            {
                byte grey = (byte)random.Next(256);
                var color = colour ? new SKColor((byte)random.Next(256), grey, (byte)random.Next(256)) : new SKColor(grey, grey, grey);
                TestImages.WriteSolid(Path.Combine(folder, cls, $"{i:D2}.png"), color, 28, 28);
            }
        }
        return folder;
    }

    private static string[] Train(string dataset, string run, string maxSteps, params string[] more) =>
        ["train", "--model", "paper-conditional", "--dataset", dataset, "--max-steps", maxSteps, "--batch-size", "8",
            "--latent-dim", "8", "--threads", "1", "--no-tensorboard", "--out", run, .. more];

    [Fact]
    public void Given_a_grey_folder_of_three_class_sub_folders_when_the_conditional_net_trains_and_resumes_then_it_has_three_classes_and_generate_class_draws_them()
    {
        // Written in an order other than the sorted one: the classes are the names sorted ordinally.
        string images = WriteClasses("letters", ["zeta", "Alpha", "beta"], 12, colour: false);
        string run = dir.Combine("run");

        var trained = Run(dir.Path, Train(images, run, "2"));
        var resumed = Run(dir.Path, "train", "--resume", run, "--max-steps", "3");
        var one = Run(dir.Path, "generate", "--run", run, "--class", "2", "--count", "4", "--out", dir.Combine("two.png"));
        string missing = AssertCleanError(Run(dir.Path, "generate", "--run", run, "--class", "1,3", "--out", dir.Combine("none.png")));
        string evaluate = AssertCleanError(Run(dir.Path, "evaluate", "--run", run, "--count", "100"));

        Assert.True(trained.ExitCode == 0, trained.Stderr);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!;
        Assert.Equal(3, (int)config["model"]!["classes"]!);
        Assert.Equal(3L, (long)JsonNode.Parse(File.ReadAllText(Path.Combine(run, "checkpoints", "latest", "state.json")))!["state"]!["step"]!);
        // The training grid: a row per class, 8 samples each (tiles of 28 + 2 px of padding).
        using (var grid = SKBitmap.Decode(Path.Combine(run, "samples", "step-0000003.png")))
            Assert.Equal((8 * 30 + 2, 3 * 30 + 2), (grid.Width, grid.Height));
        Assert.True(one.ExitCode == 0, one.Stderr);
        Assert.Contains("Wrote 4 images", one.Stdout);
        Assert.Contains("--class 3", missing);
        Assert.Contains("3 classes of", missing);
        Assert.Contains("numbered 0 to 2", missing);
        Assert.False(File.Exists(dir.Combine("none.png")));
        Assert.Contains("conditional accuracy", evaluate);
        Assert.Contains("no test set", evaluate);
        Assert.False(File.Exists(Path.Combine(run, "evaluation.json")));
    }

    [Fact]
    public void Given_a_colour_folder_of_twelve_classes_when_the_conditional_net_trains_then_the_grid_holds_ten_class_rows_and_generate_writes_colour()
    {
        string images = WriteClasses("colours", [.. Enumerable.Range(0, 12).Select(c => $"c{c:D2}")], 2, colour: true);
        string run = dir.Combine("run");

        var trained = Run(dir.Path, Train(images, run, "1", "--channels", "3"));
        var generated = Run(dir.Path, "generate", "--run", run, "--class", "11", "--count", "2", "--singles", dir.Combine("singles"), "--out", dir.Combine("g.png"));

        Assert.True(trained.ExitCode == 0, trained.Stderr);
        // Twelve classes, capped at ten rows so that a dataset of thousands of classes still gives a readable grid.
        using (var grid = SKBitmap.Decode(Path.Combine(run, "samples", "step-0000001.png")))
            Assert.Equal((8 * 30 + 2, 10 * 30 + 2), (grid.Width, grid.Height));
        Assert.True(generated.ExitCode == 0, generated.Stderr);
        AssertColourPngs(dir.Combine("singles"), 2, 28);
    }

    [Fact]
    public void Given_a_folder_with_images_of_its_own_when_the_conditional_net_trains_then_it_is_one_line_naming_why_and_no_run_is_made()
    {
        string images = WriteClasses("mixed", ["a", "b"], 2, colour: false);
        TestImages.WriteSolid(Path.Combine(images, "loose.png"), SKColors.White, 28, 28);
        string run = dir.Combine("run");

        string error = AssertCleanError(Run(dir.Path, Train(images, run, "1")));

        Assert.Contains("holds images of its own", error);
        Assert.Contains("one sub-folder per class", error);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Given_an_lmdb_database_when_the_conditional_net_trains_then_it_is_one_line_saying_it_has_no_labels()
    {
        string lmdb = Directory.CreateDirectory(dir.Combine("lmdb")).FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", "Lmdb09", "data.mdb"), Path.Combine(lmdb, "data.mdb"));
        string run = dir.Combine("run");

        string error = AssertCleanError(Run(dir.Path, Train(lmdb, run, "1")));

        Assert.Contains("LMDB database", error);
        Assert.Contains("lacks", error);
        Assert.False(Directory.Exists(run));
    }
}
