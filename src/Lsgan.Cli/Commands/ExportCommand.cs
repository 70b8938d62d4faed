using System.CommandLine;
using Lsgan.Export;
using Lsgan.IO;
using Lsgan.Training;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan export: the generator's weights for PyTorch, under the names of an nn.Sequential, with a JSON beside.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var run = Options.Path("--run", "Run directory or checkpoint directory");
        run.Required = true;
        var format = Options.Make("--format", $"{string.Join(" or ", GeneratorExport.Formats.Keys)} (pt: a torch.save state dict for torch.load)", "safetensors");
        format.AcceptOnlyFromAmong([.. GeneratorExport.Formats.Keys]);
        var output = Options.Path("--out", "Weights file (default: RUN/export/generator.<format>); the JSON goes beside it");
        var command = new Command("export", "Write the generator's weights for PyTorch (safetensors or .pt) and a JSON of its architecture.")
        {
            run, format, output,
        };
        command.SetAction(p =>
        {
            string source = p.GetValue(run)!;
            string kind = p.GetValue(format)!;
            RunPaths.RequireRunFolder(source, "--run");
            string weights = p.GetValue(output) ?? Path.Combine(Checkpoint.RunDirectoryOf(source), "export", "generator" + GeneratorExport.Formats[kind]);
            // Writing into the run: its lock first, so nothing is created there while another process owns it.
            using var runLock = p.GetValue(output) is null ? DirectoryLock.Acquire(Checkpoint.RunDirectoryOf(source)) : null;
            if (p.GetValue(output) is null) WriteFailure.Guard(weights, () => Directory.CreateDirectory(Path.GetDirectoryName(weights)!));
            RunPaths.PrepareOutputFile(weights, "--out");
            using var generator = TrainedGenerator.Load(source);
            string manifest = GeneratorExport.Write(generator, kind, weights);
            Console.WriteLine($"Wrote {weights} and {manifest} ({generator.Model.Kind}, z of size {generator.Model.LatentDim}, step {generator.State.Step}).");
            return 0;
        });
        return command;
    }
}
