using Lsgan.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Training;

/// <summary>
/// A generator rebuilt from a checkpoint alone (its config is in state.json), for sampling and evaluation.
/// </summary>
public sealed class TrainedGenerator : IDisposable
{
    /// <summary>Images generated per forward pass: large enough to keep libtorch busy, small enough for memory.</summary>
    private const int SampleBatch = 500;

    private readonly nn.Module<Tensor, Tensor> generator;
    private readonly Device device;

    private TrainedGenerator(nn.Module<Tensor, Tensor> generator, ModelConfig model, TrainingState state, Device device) =>
        (this.generator, Model, State, this.device) = (generator, model, state, device);

    public ModelConfig Model { get; }

    public TrainingState State { get; }

    /// <summary>Loads from a run directory or checkpoint directory (see <see cref="Checkpoint.Resolve"/>).</summary>
    public static TrainedGenerator Load(string path, string deviceName = "cpu")
    {
        string checkpoint = Checkpoint.Resolve(path);
        var manifest = Checkpoint.ReadManifest(checkpoint);
        var device = torch.device(deviceName);
        var models = ModelFactory.Create(manifest.Config.Model, manifest.Config.Seed);
        models.Discriminator.Dispose();
        Checkpoint.LoadGenerator(checkpoint, models.Generator);
        models.Generator.to(device).eval();
        return new TrainedGenerator(models.Generator, manifest.Config.Model, manifest.State, device);
    }

    /// <summary><paramref name="count"/> images [N, C, H, W] in [−1, 1] from z drawn with <paramref name="seed"/>, on the CPU.</summary>
    public Tensor Sample(int count, long seed)
    {
        if (count < 1) throw new LsganException($"The sample count must be at least 1, got {count}.");
        using var random = new Generator(unchecked((ulong)seed));
        using var inference = inference_mode();
        var parts = new List<Tensor>();
        for (int done = 0; done < count; done += SampleBatch)
        {
            int size = Math.Min(SampleBatch, count - done);
            using var z = randn([size, Model.LatentDim], generator: random).to(device);
            parts.Add(generator.forward(z).cpu());
        }
        var images = cat(parts, 0);
        foreach (var part in parts) part.Dispose();
        return images;
    }

    public void Dispose() => generator.Dispose();
}
