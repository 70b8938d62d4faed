using System.CommandLine;
using Lsgan.Data;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan make-tinted: a colour image folder made from Fashion-MNIST or MNIST, for the colour networks.</summary>
internal static class MakeTintedCommand
{
    public static Command Create()
    {
        var dataset = Options.Make("--dataset", "mnist or fashion-mnist (the training split is tinted)", "fashion-mnist");
        var dataDir = Options.Path("--data-dir", "Dataset cache (default: $LSGAN_DATA_DIR or ~/.cache/lsgan)");
        var output = Options.Path("--out", "The new folder to write (one sub-folder per class)");
        output.Required = true;
        // 10,000 images at 64 x 64 are 40 MB of PNGs and 490 MB as float32 in training: enough for a demonstration.
        var count = Options.Make("--count", "Images to write, chosen at random without repetition", 10_000).InRange(1, 60_000);
        var size = Options.Make("--image-size", "Side of the square images", 64).InRange(1, ImageFiles.MaxImageSide);
        var seed = Options.Make("--seed", "Seed of the choice of images and their hues", 0L);
        var command = new Command("make-tinted", "Write a colour image folder: grayscale images tinted with a random hue each, resized, one sub-folder per class.")
        {
            dataset, dataDir, output, count, size, seed,
        };
        command.SetAction(p =>
        {
            string name = DatasetCatalog.Get(p.GetValue(dataset)!).Name;
            string outDir = p.GetValue(output)!;
            if (PathCheck.Classify(outDir) != PathKind.Missing)
                throw new LsganException($"{outDir} already exists; give --out a new folder (lsgan does not write into existing ones).");
            var log = new Output.CallbackProgress<string>(m => Console.Error.WriteLine(m));
            using var source = Output.DataView.Run(data => ImageDataset.Load(name, DatasetSplit.Train, DatasetLoading.Fetcher(p.GetValue(dataDir)), data));
            TintedImages.Write(source, outDir, p.GetValue(count), p.GetValue(size), p.GetValue(seed), log);
            Console.Error.WriteLine($"Wrote {p.GetValue(count):N0} tinted {name} images of {p.GetValue(size)}x{p.GetValue(size)} to {outDir}");
            return 0;
        });
        return command;
    }
}
