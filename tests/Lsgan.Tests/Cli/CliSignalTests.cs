using System.Diagnostics;
using Lsgan.Tests.Data;
using Lsgan.Training;
using SkiaSharp;

namespace Lsgan.Tests.Cli;

/// <summary>SIGTERM (kill, Slurm's time limit, container stops) stops a training as Ctrl-C does: checkpoint, then exit.</summary>
public sealed class CliSignalTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Given_a_training_when_it_gets_sigterm_then_it_saves_its_current_step_says_how_to_resume_and_exits_143()
    {
        string images = dir.Combine("images");
        for (int i = 0; i < 16; i++) TestImages.WriteSolid(Path.Combine(images, $"{i:D3}.png"), new SKColor((byte)(i * 15), 40, 90), 28, 28);
        string run = dir.Combine("run");
        using var lsgan = CliRunner.StartInBackground(dir.Path, "train", "--dataset", images, "--out", run, "--model", "mlp", "--batch-size", "8",
            "--threads", "1", "--latent-dim", "8", "--epochs", "100000", "--log-every", "1", "--no-tensorboard");
        var process = lsgan.Process;
        var wait = Stopwatch.StartNew();
        while (!Checkpoint.Exists(run) && wait.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(20);
        Assert.True(Checkpoint.Exists(run), "no first checkpoint");

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) kill.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "still running a minute after SIGTERM");

        string error = await lsgan.Stderr;
        Assert.Equal(143, process.ExitCode);
        Assert.Contains("Stopped early; continue with: ./lsgan train --resume", error);
        Assert.DoesNotContain("   at ", error);
        // The checkpoint holds the step the run stopped at, the last step its log recorded.
        var state = Checkpoint.Verify(Checkpoint.Resolve(run)).State;
        using (var opened = RunDirectory.Open(run)) Assert.Equal(opened.ReadMetrics()[^1].Step, state.Step);
        Assert.Contains($"Stopped at step {state.Step} (interrupted); the checkpoint is saved.", await lsgan.Stdout);
    }
}
