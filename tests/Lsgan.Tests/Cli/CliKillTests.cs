using System.Diagnostics;
using Lsgan.Tests.Data;
using Lsgan.Training;
using SkiaSharp;
using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Cli;

/// <summary>SIGKILL at random moments of a training that saves often, and a second writer on a busy run.</summary>
public sealed class CliKillTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly string images;

    public CliKillTests()
    {
        images = dir.Combine("images");
        var random = new Random(2);
        for (int i = 0; i < 16; i++)
        {
            var color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            TestImages.WriteSolid(Path.Combine(images, $"{i:D3}.png"), color, 28, 28);
        }
    }

    public void Dispose() => dir.Dispose();

    // 16 images in batches of 8: a checkpoint every 2 steps, so most of the time is spent near a save.
    private Process Start(string run, bool resume)
    {
        string[] args = resume
            ? ["train", "--resume", run, "--epochs", "100000", "--threads", "1"]
            : ["train", "--dataset", images, "--out", run, "--model", "mlp", "--batch-size", "8", "--threads", "1", "--latent-dim", "8",
               "--epochs", "100000", "--log-every", "1"];
        return StartInBackground(dir.Path, args).Process;
    }

    [Fact]
    public void Given_twenty_sigkills_at_random_moments_of_a_training_then_the_latest_checkpoint_always_loads_and_verifies()
    {
        string run = dir.Combine("run");
        var random = new Random(11);
        var clock = Stopwatch.StartNew();
        long lastStep = 0;
        for (int i = 0; i < 20; i++)
        {
            bool resume = Checkpoint.Exists(run);
            using var process = Start(run, resume);
            if (resume)
            {
                // A resumed process needs ~1.5 s to start training; then it saves every 2 steps.
                Thread.Sleep(random.Next(1200, 2600));
            }
            else
            {
                var wait = Stopwatch.StartNew();
                while (!Checkpoint.Exists(run) && wait.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(20);
                Thread.Sleep(random.Next(0, 300));
            }
            process.Kill(entireProcessTree: true);
            process.WaitForExit();

            Assert.True(Checkpoint.Exists(run), $"kill {i}: no checkpoint left");
            var manifest = Checkpoint.Verify(Checkpoint.Resolve(run));
            Assert.True(manifest.State.Step >= lastStep, $"kill {i}: the checkpoint went back from step {lastStep} to {manifest.State.Step}");
            lastStep = manifest.State.Step;
            using var generator = TrainedGenerator.Load(run);
        }

        Assert.True(lastStep > 0);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Given_a_run_in_training_when_train_resume_evaluate_and_generate_ask_to_write_it_then_each_is_refused_and_the_first_finishes()
    {
        string run = dir.Combine("run");
        using var first = Start(run, resume: false);
        var clock = Stopwatch.StartNew();
        while (!Checkpoint.Exists(run) && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50);
        Assert.True(Checkpoint.Exists(run), "the first process never wrote a checkpoint");

        string[][] writers =
        [
            ["train", "--resume", run, "--epochs", "100000"],
            ["evaluate", "--run", run, "--count", "100"],
            ["generate", "--run", run, "--count", "4"],
            ["train", "--dataset", images, "--out", run, "--model", "mlp"],
        ];
        foreach (string[] args in writers)
        {
            var started = Stopwatch.StartNew();
            string error = AssertCleanError(Run(dir.Path, args));
            // evaluate refuses a folder run (no test set) before it reaches the lock; either way it writes nothing.
            Assert.True(error.Contains("in use by another lsgan process (pid") || error.Contains("already holds files")
                || (args[0] == "evaluate" && error.Contains("has no test set")), $"{args[0]}: {error}");
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(20));
        }

        Assert.False(first.HasExited, "the first process died");
        first.Kill(entireProcessTree: true);
        first.WaitForExit();
        Checkpoint.Verify(Checkpoint.Resolve(run));
        Assert.False(Directory.Exists(Path.Combine(run, "generated")));
        Assert.False(File.Exists(Path.Combine(run, "evaluation.json")));
    }
}
