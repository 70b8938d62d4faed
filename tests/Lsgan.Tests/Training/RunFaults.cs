using System.Security.Cryptography;
using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

/// <summary>A tiny trained run to damage, and a record of every file's bytes to prove nothing else changed.</summary>
internal static class RunFaults
{
    public static TrainConfig Config => new()
    {
        Dataset = "synthetic",
        Model = new ModelConfig("mlp", LatentDim: 8),
        BatchSize = 16,
        Epochs = 1,
        LogEvery = 1,
        Seed = 5,
    };

    public static Tensor Images() => SyntheticImages.Squares(32);

    /// <summary>Trains one epoch (2 steps) into <paramref name="path"/> and releases the run's lock.</summary>
    public static string Train(string path, TrainConfig? config = null)
    {
        config ??= Config;
        using var images = Images();
        using var run = RunDirectory.CreateNew(path, Path.GetDirectoryName(path)!, config);
        new TrainingSession(config, run).Run(images);
        return run.Path;
    }

    /// <summary>Resumes <paramref name="path"/> in this process for one more epoch.</summary>
    public static TrainingOutcome Resume(string path, TrainConfig? config = null, IProgress<TrainingProgress>? progress = null)
    {
        config ??= Config with { Epochs = 2 };
        using var images = Images();
        using var run = RunDirectory.Open(path);
        run.Lock();
        return new TrainingSession(config, run, progress).Run(images, Checkpoint.Resolve(path));
    }

    /// <summary>SHA-256 of every file under <paramref name="root"/>, by relative path.</summary>
    public static SortedDictionary<string, string> Snapshot(string root) => new(
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith(".lock", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);
}
