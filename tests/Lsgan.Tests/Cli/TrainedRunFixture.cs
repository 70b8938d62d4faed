using Lsgan.Tests.Data;
using SkiaSharp;

namespace Lsgan.Tests.Cli;

/// <summary>
/// One short run trained through the CLI on 40 solid-colour images made here, in a folder whose name has a
/// space and a quote, shared by the fault tests; each test that damages a run works on its own copy.
/// </summary>
public sealed class TrainedRunFixture : IDisposable
{
    private readonly TempDirectory dir = new();

    public TrainedRunFixture()
    {
        Images = WriteColourImages(dir.Combine("images"));
        Run = dir.Combine("my run's dir");
        Training = CliRunner.Run(dir.Path, [.. TrainArgs(Run), "--max-steps", "2"]);
    }

    /// <summary>Writes 40 solid-colour 28x28 PNGs (seed 1) into <paramref name="folder"/> and returns it.</summary>
    public static string WriteColourImages(string folder)
    {
        var random = new Random(1);
        for (int i = 0; i < 40; i++)
        {
            var color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            TestImages.WriteSolid(Path.Combine(folder, $"{i:D3}.png"), color, 28, 28);
        }
        return folder;
    }

    /// <summary>The folder of training images.</summary>
    public string Images { get; }

    /// <summary>The trained run (2 steps, stopped by the step limit).</summary>
    public string Run { get; }

    /// <summary>What the training printed.</summary>
    public CliRunner.Result Training { get; }

    /// <summary>A small, fast training command line writing to <paramref name="output"/>.</summary>
    public string[] TrainArgs(string output) =>
        ["train", "--dataset", Images, "--out", output, "--batch-size", "8", "--threads", "1", "--latent-dim", "8"];

    /// <summary>A copy of the run inside <paramref name="into"/>, for a test to damage.</summary>
    public string CopyRun(TempDirectory into)
    {
        string copy = into.Combine("run");
        foreach (string folder in Directory.GetDirectories(Run, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(copy, Path.GetRelativePath(Run, folder)));
        foreach (string file in Directory.GetFiles(Run, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(copy, Path.GetRelativePath(Run, file)));
        return copy;
    }

    public void Dispose() => dir.Dispose();
}
