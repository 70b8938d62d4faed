using System.CommandLine;
using Lsgan.Data;
using Lsgan.Training;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan generate: images from a trained generator, rebuilt from its checkpoint alone.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var run = Options.Path("--run", "Run directory or checkpoint directory");
        run.Required = true;
        var count = Options.Make("--count", $"Number of images (1 to {Limits.MaxGenerateCount:N0}: all are held in memory)", 64)
            .InRange(1, Limits.MaxGenerateCount, "all are held in memory and tiled into one grid; run again with other seeds for more");
        var seed = Options.Make("--seed", "Seed of z", 0L);
        var output = Options.Path("--out", "Grid PNG path, ending in .png (default: RUN/generated/seed-S.png)");
        output.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { Length: > 0 } path && !path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                result.AddError($"--out {path}: generate writes PNG images, so the path must end in .png.");
        });
        var singles = Options.Path("--singles", "Also write each image as its own PNG into this folder");
        var columns = Options.Make("--columns", "Tiles per grid row (0 = square; at most --count)", 0)
            .InRange(0, Limits.MaxGenerateCount, "a grid row holds at most --count images");
        var classes = ClassOption.Create("Conditional runs: the class to draw, a comma-separated list or 'all' (a grid row per class, --count images each, the same noise in every row); without it the samples cycle through the classes");
        var threads = Options.Threads("libtorch threads", Environment.ProcessorCount);
        var device = Options.Device("cpu");
        var command = new Command("generate", "Write a grid (and optionally single PNGs) of generated images.")
        {
            run, count, seed, output, singles, columns, classes, threads, device,
        };
        command.SetAction(p =>
        {
            if (p.GetValue(columns) > p.GetValue(count))
                throw new LsganException($"--columns {p.GetValue(columns)} is more than --count {p.GetValue(count)}: a grid row holds at most --count images.");
            TorchSharp.torch.set_num_threads(p.GetValue(threads));
            string source = p.GetValue(run)!;
            RunPaths.RequireRunFolder(source, "--run");
            // The classes are checked against the run's config before anything is written.
            int[]? chosen = p.GetValue(classes) is { } text
                ? ClassOption.Resolve(text, Checkpoint.ReadManifest(Checkpoint.Resolve(source)).Config, source)
                : null;
            if (chosen is not null && (long)chosen.Length * p.GetValue(count) > Limits.MaxGenerateCount)
                throw new LsganException($"--count {p.GetValue(count)} for each of {chosen.Length} classes makes more than {Limits.MaxGenerateCount:N0} images, all held in memory.");
            string grid = p.GetValue(output) ?? Path.Combine(Checkpoint.RunDirectoryOf(source), "generated", $"seed-{p.GetValue(seed)}.png");
            // Writing into the run: its lock first, so nothing is created there while another process owns it.
            using var runLock = p.GetValue(output) is null ? Lsgan.IO.DirectoryLock.Acquire(Checkpoint.RunDirectoryOf(source)) : null;
            // Where the images go is checked before the generator runs, so a wrong path fails at once.
            RunPaths.PrepareOutputFile(grid, "--out");
            if (p.GetValue(singles) is { } singlesFolder) PathCheck.EnsureFolder(singlesFolder, $"--singles {singlesFolder}", "give a folder path");
            using var generator = TrainedGenerator.Load(source, p.GetValue(device)!);
            using var images = chosen is null ? generator.Sample(p.GetValue(count), p.GetValue(seed)) : ClassRows(generator, chosen, p.GetValue(count), p.GetValue(seed));
            // A grid of several classes has a row per class unless --columns says otherwise.
            int gridColumns = chosen is { Length: > 1 } && p.GetValue(columns) == 0 ? p.GetValue(count) : p.GetValue(columns);

            WriteFiles(() =>
            {
                ImageGrid.Save(images, grid, gridColumns);
                if (p.GetValue(singles) is { } folder)
                {
                    for (int i = 0; i < images.shape[0]; i++)
                    {
                        using var image = images[i];
                        ImageFiles.SavePng(image, Path.Combine(folder, $"{i:D6}.png"));
                    }
                }
            });
            Console.WriteLine($"Wrote {images.shape[0]} images to {grid}{(p.GetValue(singles) is { } f ? $" and {f}/" : "")}.");
            return 0;
        });
        return command;
    }

    /// <summary><paramref name="count"/> images of each class, class after class, every class from the same z.</summary>
    private static TorchSharp.torch.Tensor ClassRows(TrainedGenerator generator, int[] classes, int count, long seed)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var (noise, labels) = Lsgan.Models.ClassGrid.Layout(generator.Latents(count, seed), classes);
        return generator.Generate(noise, labels).MoveToOuterDisposeScope();
    }

    /// <summary>Runs <paramref name="write"/>, turning a failed write into one line.</summary>
    internal static void WriteFiles(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"Cannot write the images: {e.Message}", e);
        }
    }
}
