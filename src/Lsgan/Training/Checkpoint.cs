using System.Security.Cryptography;
using Lsgan.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Training;

/// <summary>
/// A checkpoint directory: both networks, both optimizers and state.json (config, step, epoch, noise RNG and
/// the SHA-256 of each file). Saving builds a new directory beside the old one and swaps them, so an interrupted
/// save never destroys the last good checkpoint; loading checks every file before libtorch sees it.
/// </summary>
/// <remarks>
/// The names a save of NAME uses, and what each holds at every point it can be interrupted:
/// <list type="number">
/// <item>.NAME.incoming is deleted, then written file by file: it is never the only copy, and is never read.</item>
/// <item>If NAME exists, a leftover .NAME.outgoing is deleted (NAME is complete) and NAME moves to .NAME.outgoing.
/// If NAME does not exist, .NAME.outgoing (left by an earlier interrupted save) is the good copy and stays.</item>
/// <item>.NAME.incoming moves to NAME: from here NAME is the new complete checkpoint.</item>
/// <item>.NAME.outgoing is deleted.</item>
/// </list>
/// So at every moment NAME, or else .NAME.outgoing, is complete; <see cref="Resolve"/> looks in that order.
/// A directory becomes NAME only by the rename of a finished .NAME.incoming, so NAME is never partial.
/// </remarks>
public static class Checkpoint
{
    private const string ManifestFile = "state.json";
    private const string GeneratorFile = "generator.bin";
    private const string DiscriminatorFile = "discriminator.bin";
    private const string GeneratorOptimizerFile = "generator_optimizer.bin";
    private const string DiscriminatorOptimizerFile = "discriminator_optimizer.bin";
    private static readonly string[] BinaryFiles = [GeneratorFile, DiscriminatorFile, GeneratorOptimizerFile, DiscriminatorOptimizerFile];

    public static void Save(string directory, GanTrainer trainer, TrainConfig config, TrainingState state)
    {
        string full = Path.GetFullPath(directory);
        string parent = Path.GetDirectoryName(full)!;
        string name = Path.GetFileName(full);
        string incoming = Path.Combine(parent, $".{name}.incoming");
        string outgoing = Path.Combine(parent, $".{name}.outgoing");
        string writing = incoming;
        try
        {
            Directory.CreateDirectory(parent);
            if (Directory.Exists(incoming)) Directory.Delete(incoming, recursive: true);
            Directory.CreateDirectory(incoming);
            var writers = new (string File, Action<string> Write)[]
            {
                (GeneratorFile, path => trainer.Models.Generator.save(path)),
                (DiscriminatorFile, path => trainer.Models.Discriminator.save(path)),
                (GeneratorOptimizerFile, path => trainer.GeneratorOptimizer.save_state_dict(path)),
                (DiscriminatorOptimizerFile, path => trainer.DiscriminatorOptimizer.save_state_dict(path)),
            };
            var sums = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (file, write) in writers)
            {
                writing = Path.Combine(incoming, file);
                write(writing);
                sums[file] = Sha256Of(writing);
            }
            writing = Path.Combine(incoming, ManifestFile);
            Json.WriteFile(writing, new CheckpointManifest(CheckpointManifest.CurrentFormat, config, state, sums));
            FlushDirectory(incoming);

            writing = full;
            if (Directory.Exists(full))
            {
                if (Directory.Exists(outgoing)) Directory.Delete(outgoing, recursive: true);
                Directory.Move(full, outgoing);
            }
            Directory.Move(incoming, full);
            if (Directory.Exists(outgoing)) Directory.Delete(outgoing, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LsganException)
        {
            WriteFailure.RemovePartial(incoming);
            throw e as LsganException ?? WriteFailure.For(writing, e);
        }
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

    /// <summary>True when <paramref name="run"/> holds a checkpoint <see cref="Resolve"/> would find.</summary>
    public static bool Exists(string run) =>
        File.Exists(Path.Combine(run, "checkpoints", "latest", ManifestFile)) ||
        File.Exists(Path.Combine(run, "checkpoints", ".latest.outgoing", ManifestFile));

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
        string file = Path.Combine(checkpoint, ManifestFile);
        var manifest = Json.ReadFile<CheckpointManifest>(file, "checkpoint state");
        if (manifest.Format != CheckpointManifest.CurrentFormat || manifest.Config is null || manifest.State is null)
            throw new LsganException($"{checkpoint} holds a checkpoint of an unknown format ({manifest.Format}).");
        var errors = manifest.Config.Validate().ToList();
        if (errors.Count > 0) throw new LsganException($"{file}: its config is invalid: {string.Join("; ", errors)}.");
        var state = manifest.State;
        if (state.Step < 0 || state.Epoch < 0 || state.StepInEpoch < 0 || !double.IsFinite(state.ElapsedSeconds) || state.ElapsedSeconds < 0)
            throw new LsganException($"{file}: state.step, epoch, step_in_epoch or elapsed_seconds is negative or not a number.");
        if (state.Epoch > manifest.Config.Epochs)
            throw new LsganException($"{file}: state.epoch {state.Epoch} is past the config's {manifest.Config.Epochs} epochs.");
        if (state.BestFid is { } best && (!double.IsFinite(best) || best < 0))
            throw new LsganException($"{file}: state.best_fid {best} is not a FID.");
        if (state.NoiseState is null || state.NoiseState.Length != NoiseStateLength)
            throw new LsganException(
                $"{file}: state.noise_state holds {state.NoiseState?.Length ?? 0} bytes, not the {NoiseStateLength} of a libtorch CPU generator's state; the file was edited or damaged.");
        return manifest;
    }

    /// <summary>
    /// Checks <paramref name="checkpoint"/> without loading it into a network: state.json and the SHA-256 of
    /// every file it lists. Throws an <see cref="LsganException"/> naming the first bad file.
    /// </summary>
    public static CheckpointManifest Verify(string checkpoint)
    {
        var manifest = ReadManifest(checkpoint);
        foreach (string file in BinaryFiles) VerifyFile(checkpoint, file, manifest);
        return manifest;
    }

    /// <summary>Loads weights, optimizer moments and the noise generator's state into <paramref name="trainer"/>.</summary>
    public static void Restore(string checkpoint, GanTrainer trainer, TrainingState state)
    {
        // Every file is checked before any is loaded (Verify), so each is hashed once here, not again per load.
        Verify(checkpoint);
        Load(checkpoint, GeneratorFile, path => trainer.Models.Generator.load(path));
        Load(checkpoint, DiscriminatorFile, path => trainer.Models.Discriminator.load(path));
        Load(checkpoint, GeneratorOptimizerFile, path => trainer.GeneratorOptimizer.load_state_dict(path));
        Load(checkpoint, DiscriminatorOptimizerFile, path => trainer.DiscriminatorOptimizer.load_state_dict(path));
        if (state.NoiseState.Length != NoiseStateLength)
            throw new LsganException($"The noise state to restore holds {state.NoiseState.Length} bytes, not {NoiseStateLength}.");
        using var noiseState = tensor(state.NoiseState, dtype: ScalarType.Byte);
        trainer.Noise.set_state(noiseState);
    }

    /// <summary>Loads the generator's weights only (for sampling), after checking its SHA-256 when the manifest has one.</summary>
    public static void LoadGenerator(string checkpoint, nn.Module generator)
    {
        var manifest = ReadManifest(checkpoint);
        Guard(checkpoint, GeneratorFile, manifest, path => generator.load(path));
    }

    /// <summary>True when every weight and every gradient of <paramref name="module"/> is finite.</summary>
    public static bool IsFinite(nn.Module module)
    {
        using var scope = NewDisposeScope();
        foreach (var parameter in module.parameters())
        {
            if (!isfinite(parameter).all().item<bool>()) return false;
            if (parameter.grad is { } grad && !isfinite(grad).all().item<bool>()) return false;
        }
        return true;
    }

    // The byte length of libtorch's CPU generator state (mt19937 and its normal cache): what set_state accepts.
    private static readonly Lazy<int> noiseStateLength = new(() =>
    {
        using var generator = new Generator(0);
        using var state = generator.get_state();
        return (int)state.numel();
    });

    private static int NoiseStateLength => noiseStateLength.Value;

    private static void VerifyFile(string checkpoint, string file, CheckpointManifest manifest)
    {
        string path = Path.Combine(checkpoint, file);
        if (!File.Exists(path)) throw new LsganException($"The checkpoint {checkpoint} lacks {file}.");
        if (manifest.Sha256 is null) return;
        if (!manifest.Sha256.TryGetValue(file, out string? expected))
            throw new LsganException($"{Path.Combine(checkpoint, ManifestFile)} lists no checksum of {file}; the file was edited or damaged.");
        string actual;
        try
        {
            actual = Sha256Of(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"Cannot read {path}: {e.Message.Split('\n')[0]}", e);
        }
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            throw new LsganException($"{path} is damaged: its SHA-256 is not the one recorded in {ManifestFile} when it was saved.");
    }

    private static void Guard(string checkpoint, string file, CheckpointManifest manifest, Action<string> load)
    {
        VerifyFile(checkpoint, file, manifest);
        Load(checkpoint, file, load);
    }

    /// <summary>Loads a file already verified, turning libtorch's failure into one line naming it.</summary>
    private static void Load(string checkpoint, string file, Action<string> load)
    {
        string path = Path.Combine(checkpoint, file);
        try
        {
            load(path);
        }
        catch (Exception e) when (e is not LsganException)
        {
            throw new LsganException($"{path} is damaged or does not match its config: {e.Message.Split('\n')[0]}", e);
        }
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    // Makes the new files durable before the rename that publishes them (a power cut then leaves old or new, not empty files).
    private static void FlushDirectory(string directory)
    {
        foreach (string file in Directory.EnumerateFiles(directory))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            stream.Flush(flushToDisk: true);
        }
    }
}
