using System.CommandLine;
using Lsgan.Data;
using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan interpolate: a PNG strip of images along a path in z between the z of two seeds.</summary>
internal static class InterpolateCommand
{
    private const int MaxSteps = 1_000;

    public static Command Create()
    {
        var run = Options.Path("--run", "Run directory or checkpoint directory");
        run.Required = true;
        var from = Options.Make("--from", "Seed of the z the strip starts at", 0L);
        var to = Options.Make("--to", "Seed of the z the strip ends at", 1L);
        var steps = Options.Make("--steps", $"Images per path, both ends included (2 to {MaxSteps:N0})", 10)
            .InRange(2, MaxSteps, "one strip holds them all");
        var path = Options.Make("--path", "linear (straight), spherical (along the great circle) or both (a row each)", "both");
        path.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && value is not (LatentPath.LinearName or LatentPath.SphericalName or "both"))
                result.AddError($"--path {value}: expected linear, spherical or both.");
        });
        var classes = ClassOption.Create("Conditional runs: the class (or comma-separated classes, a strip each) to draw along the path (default: 0)");
        var output = Options.Path("--out", "Strip PNG path, ending in .png (default: RUN/generated/interpolate-FROM-TO.png)");
        var threads = Options.Threads("libtorch threads", Environment.ProcessorCount);
        var device = Options.Device("cpu");
        var command = new Command("interpolate", "Write a strip of images along linear and spherical paths in z between two seeds.")
        {
            run, from, to, steps, path, classes, output, threads, device,
        };
        command.SetAction(p =>
        {
            TorchSharp.torch.set_num_threads(p.GetValue(threads));
            string source = p.GetValue(run)!;
            RunPaths.RequireRunFolder(source, "--run");
            var config = Checkpoint.ReadManifest(Checkpoint.Resolve(source)).Config;
            int[]? chosen = p.GetValue(classes) is { } text ? ClassOption.Resolve(text, config, source) : config.Model.Conditional ? [0] : null;
            string strip = p.GetValue(output) ?? Path.Combine(Checkpoint.RunDirectoryOf(source), "generated", $"interpolate-{p.GetValue(from)}-{p.GetValue(to)}.png");
            if (!strip.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                throw new LsganException($"--out {strip}: interpolate writes a PNG image, so the path must end in .png.");
            using var runLock = p.GetValue(output) is null ? Lsgan.IO.DirectoryLock.Acquire(Checkpoint.RunDirectoryOf(source)) : null;
            RunPaths.PrepareOutputFile(strip, "--out");
            using var generator = TrainedGenerator.Load(source, p.GetValue(device)!);

            using var scope = NewDisposeScope();
            int n = p.GetValue(steps);
            var start = generator.Latents(1, p.GetValue(from))[0];
            var end = generator.Latents(1, p.GetValue(to))[0];
            string kind = p.GetValue(path)!;
            var rows = new List<Tensor>();
            if (kind is LatentPath.LinearName or "both") rows.Add(LatentPath.Linear(start, end, n));
            if (kind is LatentPath.SphericalName or "both") rows.Add(LatentPath.Spherical(start, end, n));
            var images = new List<Tensor>();
            foreach (int? label in chosen?.Select(c => (int?)c) ?? [null])
            {
                foreach (var row in rows)
                    images.Add(generator.Generate(row, label is { } c ? full(n, c, dtype: ScalarType.Int64) : null));
            }
            var all = cat(images, 0);
            GenerateCommand.WriteFiles(() => ImageGrid.Save(all, strip, n));
            Console.WriteLine($"Wrote {images.Count} strip{(images.Count == 1 ? "" : "s")} of {n} images ({string.Join(" and ", rows.Count == 2 ? ["linear", "spherical"] : new[] { kind })}) to {strip}.");
            return 0;
        });
        return command;
    }
}
