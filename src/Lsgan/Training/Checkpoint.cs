using Lsgan.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Training;

/// <summary>
/// A checkpoint directory: both networks, both optimizers and state.json (config, step, epoch, noise RNG).
/// Saving builds a new directory beside the old one and swaps them, so an interrupted save never
/// destroys the last good checkpoint.
/// </summary>
public static class Checkpoint
{
    private const string ManifestFile = "state.json";
    private const string GeneratorFile = "generator.bin";
    private const string DiscriminatorFile = "discriminator.bin";
    private const string GeneratorOptimizerFile = "generator_optimizer.bin";
    private const string DiscriminatorOptimizerFile = "discriminator_optimizer.bin";

    public static void Save(string directory, GanTrainer trainer, TrainConfig config, TrainingState state)
    {
        string full = Path.GetFullPath(directory);
        string parent = Path.GetDirectoryName(full)!;
        string name = Path.GetFileName(full);
        string incoming = Path.Combine(parent, $".{name}.incoming");
        string outgoing = Path.Combine(parent, $".{name}.outgoing");
        Directory.CreateDirectory(parent);
        if (Directory.Exists(incoming)) Directory.Delete(incoming, recursive: true);
        Directory.CreateDirectory(incoming);

        trainer.Models.Generator.save(Path.Combine(incoming, GeneratorFile));
        trainer.Models.Discriminator.save(Path.Combine(incoming, DiscriminatorFile));
        trainer.GeneratorOptimizer.save_state_dict(Path.Combine(incoming, GeneratorOptimizerFile));
        trainer.DiscriminatorOptimizer.save_state_dict(Path.Combine(incoming, DiscriminatorOptimizerFile));
        Json.WriteFile(Path.Combine(incoming, ManifestFile), new CheckpointManifest(CheckpointManifest.CurrentFormat, config, state));

        if (Directory.Exists(outgoing)) Directory.Delete(outgoing, recursive: true);
        if (Directory.Exists(full)) Directory.Move(full, outgoing);
        Directory.Move(incoming, full);
        if (Directory.Exists(outgoing)) Directory.Delete(outgoing, recursive: true);
    }

    /// <summary>
    /// Finds the checkpoint a user means by <paramref name="path"/>: a checkpoint directory, a run's
    /// checkpoints directory or a run directory (its latest checkpoint).
    /// </summary>
    public static string Resolve(string path)
    {
        string[] candidates =
        [
            path,
            Path.Combine(path, "latest"),
            Path.Combine(path, "checkpoints", "latest"),
            // A save interrupted between its two renames leaves the previous checkpoint here.
            Path.Combine(path, "checkpoints", ".latest.outgoing"),
        ];
        foreach (string candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, ManifestFile))) return candidate;
        }
        if (!Directory.Exists(path)) throw new LsganException($"{path} does not exist.");
        throw new LsganException($"{path} is not a run directory or checkpoint (no {ManifestFile} found in it or its checkpoints/latest).");
    }

    /// <summary>
    /// The run directory a checkpoint belongs to (RUN for RUN/checkpoints/NAME), or the checkpoint
    /// directory itself when it stands alone: where outputs made from it (evaluation.json, generated/) go.
    /// </summary>
    public static string RunDirectoryOf(string path)
    {
        string checkpoint = Path.GetFullPath(Resolve(path));
        var parent = Directory.GetParent(checkpoint);
        return parent?.Name == "checkpoints" && parent.Parent is not null ? parent.Parent.FullName : checkpoint;
    }

    public static CheckpointManifest ReadManifest(string checkpoint)
    {
        var manifest = Json.ReadFile<CheckpointManifest>(Path.Combine(checkpoint, ManifestFile), "checkpoint state");
        if (manifest.Format != CheckpointManifest.CurrentFormat || manifest.Config is null || manifest.State is null)
            throw new LsganException($"{checkpoint} holds a checkpoint of an unknown format ({manifest.Format}).");
        return manifest;
    }

    /// <summary>Loads weights, optimizer moments and the noise generator's state into <paramref name="trainer"/>.</summary>
    public static void Restore(string checkpoint, GanTrainer trainer, TrainingState state)
    {
        LoadGenerator(checkpoint, trainer.Models.Generator);
        Guard(checkpoint, DiscriminatorFile, path => trainer.Models.Discriminator.load(path));
        Guard(checkpoint, GeneratorOptimizerFile, path => trainer.GeneratorOptimizer.load_state_dict(path));
        Guard(checkpoint, DiscriminatorOptimizerFile, path => trainer.DiscriminatorOptimizer.load_state_dict(path));
        using var noiseState = tensor(state.NoiseState, dtype: ScalarType.Byte);
        trainer.Noise.set_state(noiseState);
    }

    /// <summary>Loads the generator's weights only (for sampling).</summary>
    public static void LoadGenerator(string checkpoint, nn.Module generator) =>
        Guard(checkpoint, GeneratorFile, path => generator.load(path));

    private static void Guard(string checkpoint, string file, Action<string> load)
    {
        string path = Path.Combine(checkpoint, file);
        if (!File.Exists(path)) throw new LsganException($"The checkpoint {checkpoint} lacks {file}.");
        try
        {
            load(path);
        }
        catch (Exception e) when (e is not LsganException)
        {
            throw new LsganException($"{path} is damaged or does not match its config: {e.Message.Split('\n')[0]}", e);
        }
    }
}
