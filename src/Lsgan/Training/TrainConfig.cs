using Lsgan.Data;
using Lsgan.Losses;
using Lsgan.Models;

namespace Lsgan.Training;

/// <summary>
/// The experiment a training run is, as a paper's table would list it, with how often the run logs, draws and
/// evaluates. Written into every run directory (config.json) and every checkpoint, so a run can be resumed and
/// its generator rebuilt without flags. How fast it is computed (device, step optimisations, threads) is not
/// part of it: see <see cref="RuntimeOptions"/>.
/// </summary>
public sealed record TrainConfig
{
    /// <summary>Dataset name; Fashion-MNIST by default because MNIST digits hide mode collapse too easily.</summary>
    public string Dataset { get; init; } = "fashion-mnist";

    /// <summary>Which images of the dataset: an LMDB's first N, the hanzi set's classes, samples and seed.</summary>
    public DatasetOptions DatasetOptions { get; init; } = new();

    public ModelConfig Model { get; init; } = new();

    /// <summary>Least squares 0-1-1 by default: the paper's choice for its image experiments.</summary>
    public LossConfig Loss { get; init; } = new();

    public OptimizerConfig Optimizer { get; init; } = new();

    /// <summary>64, as in DCGAN and the LSGAN paper.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>5 epochs already draw recognisable Fashion-MNIST clothes with dcgan.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>D updates per G update; 1 as in the paper.</summary>
    public int DiscriminatorSteps { get; init; } = 1;

    public long Seed { get; init; }

    /// <summary>Stop after this many G updates (0 = no limit): for smoke runs.</summary>
    public long MaxSteps { get; init; }

    /// <summary>Also write a sample grid every this many steps (0 = only at the end of each epoch).</summary>
    public int SampleEvery { get; init; }

    /// <summary>Append averaged losses to metrics.jsonl every this many steps; averaging avoids a host sync per step.</summary>
    public int LogEvery { get; init; } = 50;

    /// <summary>Evaluate (FID etc.) every this many epochs and keep the best checkpoint by FID (0 = never).</summary>
    public int EvalEvery { get; init; }

    /// <summary>Generated images per evaluation during training; fewer than evaluate's 10,000 to keep epochs short.</summary>
    public int EvalSamples { get; init; } = 2000;

    /// <summary>The fewest <see cref="EvalSamples"/>: the classifier score cuts the samples into 10 splits.</summary>
    public const int MinEvalSamples = 10;

    /// <summary>
    /// The most <see cref="EvalSamples"/>: each evaluation holds the samples (3 KB each as float32) and their
    /// features (1 KB each) beside the training data, so 100,000 come to about 400 MB more.
    /// </summary>
    public const int MaxEvalSamples = 100_000;

    /// <summary>Every problem with this config at once, empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Model.Validate());
        errors.AddRange(Loss.Validate());
        errors.AddRange(Optimizer.Validate());
        if (BatchSize < 1) errors.Add($"batch size must be at least 1, got {BatchSize}");
        if (Epochs < 1) errors.Add($"epochs must be at least 1, got {Epochs}");
        if (DiscriminatorSteps < 1) errors.Add($"D steps per G step must be at least 1, got {DiscriminatorSteps}");
        if (MaxSteps < 0) errors.Add($"max steps cannot be negative, got {MaxSteps}");
        if (SampleEvery < 0) errors.Add($"sample-every cannot be negative, got {SampleEvery}");
        if (EvalEvery < 0) errors.Add($"eval-every cannot be negative, got {EvalEvery}");
        if (EvalSamples is < MinEvalSamples or > MaxEvalSamples)
            errors.Add($"eval-samples must be between {MinEvalSamples} and {MaxEvalSamples:N0}, got {EvalSamples}");
        if (LogEvery < 1) errors.Add($"log-every must be at least 1, got {LogEvery}");
        return errors;
    }

    /// <summary>Throws one <see cref="LsganException"/> listing every problem.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new LsganException($"Invalid options: {string.Join("; ", errors)}.");
    }
}
