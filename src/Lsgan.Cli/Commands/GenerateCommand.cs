using System.CommandLine;
using Lsgan.Data;
using Lsgan.Training;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan generate: images from a trained generator, rebuilt from its checkpoint alone.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run directory or checkpoint directory", Required = true };
        var count = Options.Make("--count", "Number of images", 64);
        var seed = Options.Make("--seed", "Seed of z", 0L);
        var output = Options.Optional<string>("--out", "Grid PNG path (default: RUN/generated/seed-S.png)");
        var singles = Options.Optional<string>("--singles", "Also write each image as its own PNG into this folder");
        var columns = Options.Make("--columns", "Tiles per grid row (0 = square)", 0);
        var threads = Options.Make("--threads", "libtorch threads", Environment.ProcessorCount);
        var device = Options.Make("--device", "cpu, or a libtorch device such as cuda:0", "cpu");
        var command = new Command("generate", "Write a grid (and optionally single PNGs) of generated images.")
        {
            run, count, seed, output, singles, columns, threads, device,
        };
        command.SetAction(p =>
        {
            if (p.GetValue(threads) < 1) throw new LsganException($"--threads must be at least 1, got {p.GetValue(threads)}.");
            if (p.GetValue(columns) < 0) throw new LsganException($"--columns cannot be negative, got {p.GetValue(columns)}.");
            TorchSharp.torch.set_num_threads(p.GetValue(threads));
            string source = p.GetValue(run)!;
            using var generator = TrainedGenerator.Load(source, p.GetValue(device)!);
            using var images = generator.Sample(p.GetValue(count), p.GetValue(seed));

            string grid = p.GetValue(output) ?? Path.Combine(Checkpoint.RunDirectoryOf(source), "generated", $"seed-{p.GetValue(seed)}.png");
            using var runLock = p.GetValue(output) is null ? Lsgan.IO.DirectoryLock.Acquire(Checkpoint.RunDirectoryOf(source)) : null;
            WriteFiles(() =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(grid))!);
                ImageGrid.Save(images, grid, p.GetValue(columns));
                if (p.GetValue(singles) is { } folder)
                {
                    Directory.CreateDirectory(folder);
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


    private static void WriteFiles(Action write)
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
