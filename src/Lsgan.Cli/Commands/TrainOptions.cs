using System.CommandLine;
using Lsgan.Data;
using Lsgan.Losses;
using Lsgan.Models;
using Lsgan.Training;

namespace Lsgan.Cli.Commands;

/// <summary>The options of 'lsgan train' and how they map onto a <see cref="TrainConfig"/>.</summary>
internal sealed class TrainOptions
{
    private static readonly TrainConfig Defaults = new();

    public readonly Option<string> Dataset = Options.Make("--dataset", "mnist, fashion-mnist, stacked-mnist (three MNIST digits as R, G, B), hanzi, a folder of PNG/JPEG images (one sub-folder per class gives labels), or a folder holding an LMDB database (data.mdb, LSUN's format)", Defaults.Dataset).NotEmpty();
    public readonly Option<string?> DataDir = Options.Path("--data-dir", "Dataset cache (default: $LSGAN_DATA_DIR or ~/.cache/lsgan)");
    public readonly Option<int> Channels = Options.Make("--channels", "Channels of a folder or LMDB dataset: 1 (grayscale) or 3; the built-in datasets have their own (stacked-mnist 3, the others 1)", 1).OneOf(1, 3);
    public readonly Option<int?> MaxImages = Options.Optional<int?>("--max-images", "LMDB datasets: read only the first N entries in key order (default: all)").InRange(1, int.MaxValue);
    public readonly Option<int?> Classes = Options.Optional<int?>("--classes", $"hanzi: number of characters (default {HanziOptions.DefaultClasses:N0}, as HWDB1.0)").InRange(1, HanziGlyphs.CharacterCount, $"the characters {HanziGlyphs.Package} holds");
    public readonly Option<int?> SamplesPerClass = Options.Optional<int?>("--samples-per-class", $"hanzi: jittered renderings per character (default {HanziOptions.DefaultSamplesPerClass})").InRange(1, HanziOptions.MaxSamplesPerClass);
    public readonly Option<long> DataSeed = Options.Make("--data-seed", "hanzi: seed of the rendering jitter", 0L);
    public readonly Option<string> Model = Options.Make("--model", string.Join("; ", ModelFamilies.All.Select(family => $"{family.Name}: {family.Description}")), Defaults.Model.Kind);
    public readonly Option<int?> ImageSize = Options.Optional<int?>("--image-size", $"Image size the model draws (default: the model's; {ImageSizes()})");
    public readonly Option<string?> GHidden = Options.Optional<string>("--g-hidden", $"mlp: G's hidden widths, comma-separated (default {string.Join(",", MlpGenerator.DefaultHidden)})");
    public readonly Option<string?> DHidden = Options.Optional<string>("--d-hidden", $"mlp: D's hidden widths, comma-separated (default {string.Join(",", MlpDiscriminator.DefaultHidden)})");
    public readonly Option<bool> GBatchNorm = new("--g-batchnorm") { Description = "Batch norm in G (default: on)" };
    public readonly Option<bool> NoGBatchNorm = new("--no-g-batchnorm") { Description = "No batch norm in G" };
    public readonly Option<bool> DBatchNorm = new("--d-batchnorm") { Description = $"Batch norm in D (default: {DiscriminatorBatchNormDefaults()})" };
    public readonly Option<bool> NoDBatchNorm = new("--no-d-batchnorm") { Description = "No batch norm in D" };
    public readonly Option<string> Loss = Options.Make("--loss", string.Join("; ", LossFamilies.All.Select(loss => $"{loss.Name}: {loss.Description}")), Defaults.Loss.Kind);
    public readonly Option<string?> Preset = Options.Optional<string>("--labels", "Least-squares label preset: 01 = (a,b,c) = (0,1,1), chi2 = (-1,1,0)");
    public readonly Option<double?> A = Options.Optional<double?>("--a", "Least squares: label of generated images (default 0)");
    public readonly Option<double?> B = Options.Optional<double?>("--b", "Least squares: label of real images (default 1)");
    public readonly Option<double?> C = Options.Optional<double?>("--c", "Least squares: what G wants D to say (default 1)");
    public readonly Option<string> Optimizer = Options.Make("--optimizer", "adam or rmsprop", Defaults.Optimizer.Kind);
    public readonly Option<double?> Lr = Options.Optional<double?>("--lr", $"Learning rate of both G and D (default 2e-4; {FamilyLearningRates()})");
    public readonly Option<double?> GLr = Options.Optional<double?>("--g-lr", "Learning rate of G");
    public readonly Option<double?> DLr = Options.Optional<double?>("--d-lr", "Learning rate of D");
    public readonly Option<double> Beta1 = Options.Make("--beta1", "Adam beta1", Defaults.Optimizer.Beta1);
    public readonly Option<double> Beta2 = Options.Make("--beta2", "Adam beta2", Defaults.Optimizer.Beta2);
    public readonly Option<int> BatchSize = Options.Make("--batch-size", "Images per batch", Defaults.BatchSize);
    public readonly Option<int> Epochs = Options.Make("--epochs", "Epochs to train (with --resume: the total)", Defaults.Epochs);
    public readonly Option<int?> LatentDim = Options.Optional<int?>("--latent-dim", $"Size of z, at most {ModelConfig.MaxLatentDim:N0} (default: the model's, 100; 1,024 for the paper models)");
    public readonly Option<int> DSteps = Options.Make("--d-steps", "D updates per G update", Defaults.DiscriminatorSteps);
    public readonly Option<long> Seed = Options.Make("--seed", "Seed of weights, batches and noise", Defaults.Seed);
    public readonly Option<int> Threads = Options.Threads("libtorch threads (results repeat bitwise only at a fixed count)", Environment.ProcessorCount);
    public readonly Option<string?> Out = Options.Path("--out", "Run directory (default: a new numbered directory under --runs-dir)");
    public readonly Option<string> RunsDir = Options.Make("--runs-dir", "Where numbered run directories go", "runs").NotEmpty();
    public readonly Option<long> MaxSteps = Options.Make("--max-steps", "Stop after this many G updates (0 = no limit)", 0L);
    public readonly Option<int> SampleEvery = Options.Make("--sample-every", "Also write a sample grid every N steps (0 = per epoch only)", 0);
    public readonly Option<int> LogEvery = Options.Make("--log-every", "Steps per metrics.jsonl line (losses averaged over them)", Defaults.LogEvery);
    public readonly Option<int> EvalEvery = Options.Make("--eval-every", "Evaluate (FID etc.) every N epochs and keep checkpoints/best by FID (0 = never)", Defaults.EvalEvery);
    public readonly Option<int> EvalSamples = Options.Make("--eval-samples", $"Generated images per evaluation during training ({TrainConfig.MinEvalSamples} to {TrainConfig.MaxEvalSamples:N0})", Defaults.EvalSamples);
    public readonly Option<bool> StopOnCollapse = new("--stop-on-collapse") { Description = $"With --eval-every: end the run at the first evaluation that finds it collapsed ({CollapseRule.Description}), keeping its checkpoints" };
    public readonly Option<string> Device = Options.Device(new RuntimeOptions().Device);
    public readonly Option<string> ImageLayers = Options.Make("--image-layers",
        "Form of dcgan's image-side layers: auto (time both at the start and keep the faster on this CPU; recorded in runtime.json), unfold (unfold/fold and a matrix product) or libtorch (its own convolutions); the forms agree to float rounding", "auto")
        .AcceptOnlyFromAmong("auto", "unfold", "libtorch");
    public readonly Option<string?> Resume = Options.Path("--resume", "Continue the run in this directory exactly where it stopped");
    public readonly Option<bool> NoTensorBoard = new("--no-tensorboard") { Description = "Write no TensorBoard event file (events.out.tfevents.*) into the run directory" };
    public readonly Option<bool> DryRun = new("--dry-run") { Description = "Check the options and print the config, then stop" };

    /// <summary>Options that may accompany --resume; every other one is fixed by the run's saved config.</summary>
    public IEnumerable<Option> ResumeAdjustable => [Epochs, MaxSteps, Threads, SampleEvery, LogEvery, EvalEvery, EvalSamples, StopOnCollapse, DataDir, NoTensorBoard, DryRun];

    public IEnumerable<Option> All => [Dataset, DataDir, Channels, MaxImages, Classes, SamplesPerClass, DataSeed, Model, ImageSize, GHidden, DHidden, GBatchNorm, NoGBatchNorm, DBatchNorm, NoDBatchNorm,
        Loss, Preset, A, B, C, Optimizer, Lr, GLr, DLr, Beta1, Beta2, BatchSize, Epochs, LatentDim, DSteps, Seed,
        Threads, Out, RunsDir, MaxSteps, SampleEvery, LogEvery, EvalEvery, EvalSamples, StopOnCollapse, Device, ImageLayers, Resume, NoTensorBoard, DryRun];

    /// <summary>How a new run computes its step: the image-side layers' form timed (auto) or as given.</summary>
    public RuntimeOptions ToRuntime(ParseResult p)
    {
        string layers = p.GetValue(ImageLayers)!;
        return new RuntimeOptions
        {
            Device = p.GetValue(Device)!,
            ChooseImageLayersByTiming = layers == "auto",
            Step = new StepOptions { UnfoldedImageLayers = layers != "libtorch" },
        };
    }

    /// <summary>Builds the config of a new run from the command line; <paramref name="classes"/> is the dataset's class count for a conditional model, else 0.</summary>
    public TrainConfig ToConfig(ParseResult p, int channels, int classes = 0)
    {
        string model = p.GetValue(Model)!;
        var family = ModelFamilies.Find(model);
        var loss = LossFrom(p);
        double? lr = p.GetValue(Lr) ?? family?.LearningRate;
        return new TrainConfig
        {
            Dataset = p.GetValue(Dataset)!,
            DatasetOptions = new DatasetOptions
            {
                MaxImages = p.GetValue(MaxImages),
                Classes = p.GetValue(Classes),
                SamplesPerClass = p.GetValue(SamplesPerClass),
                DataSeed = p.GetValue(DataSeed),
            },
            Model = new ModelConfig(model, p.GetValue(LatentDim), channels, p.GetValue(ImageSize),
                Switch(p, GBatchNorm, NoGBatchNorm) ?? Defaults.Model.GeneratorBatchNorm,
                Switch(p, DBatchNorm, NoDBatchNorm), classes, Widths(p, GHidden), Widths(p, DHidden)),
            Loss = loss,
            Optimizer = new OptimizerConfig(p.GetValue(Optimizer)!,
                p.GetValue(GLr) ?? lr ?? Defaults.Optimizer.GeneratorLr,
                p.GetValue(DLr) ?? lr ?? Defaults.Optimizer.DiscriminatorLr,
                p.GetValue(Beta1), p.GetValue(Beta2)),
            BatchSize = p.GetValue(BatchSize),
            Epochs = p.GetValue(Epochs),
            DiscriminatorSteps = p.GetValue(DSteps),
            Seed = p.GetValue(Seed),
            MaxSteps = p.GetValue(MaxSteps),
            SampleEvery = p.GetValue(SampleEvery),
            LogEvery = p.GetValue(LogEvery),
            EvalEvery = p.GetValue(EvalEvery),
            EvalSamples = p.GetValue(EvalSamples),
        };
    }

    /// <summary>libtorch threads: as given, else as the resumed run's last session had them, else one per core
    /// (at most this machine's logical cores: the run may have been started on a larger one).</summary>
    public int ThreadsFor(ParseResult p, RuntimeRecord? saved) =>
        p.Given(Threads) || saved is null ? p.GetValue(Threads) : Math.Min(saved.Threads, Limits.MaxThreads);

    /// <summary>The saved config of a resumed run with the adjustable options the user gave.</summary>
    public TrainConfig Adjust(TrainConfig saved, ParseResult p) => saved with
    {
        Epochs = p.Given(Epochs) ? p.GetValue(Epochs) : saved.Epochs,
        MaxSteps = p.GetValue(MaxSteps),
        SampleEvery = p.Given(SampleEvery) ? p.GetValue(SampleEvery) : saved.SampleEvery,
        LogEvery = p.Given(LogEvery) ? p.GetValue(LogEvery) : saved.LogEvery,
        EvalEvery = p.Given(EvalEvery) ? p.GetValue(EvalEvery) : saved.EvalEvery,
        EvalSamples = p.Given(EvalSamples) ? p.GetValue(EvalSamples) : saved.EvalSamples,
    };

    private LossConfig LossFrom(ParseResult p)
    {
        string? presetName = p.GetValue(Preset);
        var preset = presetName is null ? new LossConfig() : LossConfig.Preset(presetName)
            ?? throw new LsganException($"Unknown label preset '{presetName}' (expected 01 or chi2).");
        return new LossConfig(p.GetValue(Loss)!, p.GetValue(A) ?? preset.A, p.GetValue(B) ?? preset.B, p.GetValue(C) ?? preset.C);
    }

    /// <summary>The comma-separated widths of a --g-hidden or --d-hidden, null when not given.</summary>
    private static int[]? Widths(ParseResult p, Option<string?> option)
    {
        if (p.GetValue(option) is not { } text) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], out widths[i]))
                throw new LsganException($"{option.Name} {text}: expected widths separated by commas, such as 256,512,1024.");
        }
        return widths;
    }

    private static string ImageSizes() =>
        string.Join(", ", ModelFamilies.All.Where(family => family.ImageSizes is not null)
            .Select(family => $"{family.Name} {string.Join(" or ", family.ImageSizes!)}")) + ", mlp any";

    private static string FamilyLearningRates() =>
        string.Join(", ", ModelFamilies.All.Where(family => family.LearningRate is not null).Select(family => $"{family.LearningRate} for {family.Name}"));

    private static string DiscriminatorBatchNormDefaults() =>
        string.Join(", ", ModelFamilies.All.Select(family => $"{(family.DiscriminatorBatchNorm ? "on" : "off")} for {family.Name}"));

    /// <summary>True or false as the user switched it, null when neither option was given (the model's default applies).</summary>
    private static bool? Switch(ParseResult p, Option<bool> on, Option<bool> off)
    {
        if (p.GetValue(on) && p.GetValue(off)) throw new LsganException($"{on.Name} and {off.Name} contradict each other.");
        return p.GetValue(on) ? true : p.GetValue(off) ? false : null;
    }
}
