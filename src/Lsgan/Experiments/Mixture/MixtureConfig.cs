using Lsgan.Losses;
using Lsgan.Training;

namespace Lsgan.Experiments.Mixture;

/// <summary>
/// One Gaussian-mixture experiment. The defaults are the paper's setup as we read it (Mao et al. 2017, Sec. 4.3, and
/// the figure of kernel-density plots every 5k steps): the ring of 8, σ 0.01; G and D with two hidden layers of 128
/// tanh units and a linear output; z ~ N(0, I) of size 256; batch 512; Adam with β₁ 0.5, learning rate 1e-4 for D
/// and 1e-3 for G; 35,000 steps.
/// </summary>
/// <param name="Layout">The mixture.</param>
/// <param name="Loss">The GAN objective, as for <c>lsgan train</c>.</param>
/// <param name="Steps">Training steps, each one D update and one G update.</param>
/// <param name="EvalEvery">Steps between evaluations (and pictures); the last step is always evaluated.</param>
/// <param name="EvalPoints">Generated points per evaluation, from the same fixed z each time.</param>
/// <param name="MinimumPerMode">High-quality points a mode needs to count as covered (PacGAN's 20 of 2,500).</param>
/// <param name="Seed">Seeds the weights, the data, the noise and the fixed evaluation z.</param>
/// <param name="LatentDim">Size of z.</param>
/// <param name="Hidden">Units of each hidden layer of G and D.</param>
/// <param name="BatchSize">Real and generated points per step.</param>
/// <param name="GeneratorLr">G's Adam learning rate.</param>
/// <param name="DiscriminatorLr">D's Adam learning rate.</param>
/// <param name="Beta1">Adam's β₁ for both.</param>
/// <param name="Simultaneous">
/// Both gradients from the same G and D before either moves, as the authors' code runs its two train ops in one
/// session call; false (the default) alternates as the paper's objective and <c>lsgan train</c> do: D's update,
/// then G's through the updated D.
/// </param>
/// <param name="Autograd">
/// Take the alternating step's gradients from libtorch's autograd rather than the hand-written pass through the
/// tanh MLPs (<see cref="Models.TanhMlpPass"/>); the two agree to float rounding, autograd is slower. The simultaneous
/// update always uses autograd.
/// </param>
public sealed record MixtureConfig(
    MixtureLayout Layout,
    LossConfig Loss,
    int Steps = 35_000,
    int EvalEvery = 5_000,
    int EvalPoints = 2_500,
    int MinimumPerMode = 20,
    long Seed = 0,
    int LatentDim = 256,
    int Hidden = 128,
    int BatchSize = 512,
    double GeneratorLr = 1e-3,
    double DiscriminatorLr = 1e-4,
    double Beta1 = 0.5,
    bool Simultaneous = false,
    bool Autograd = false)
{
    /// <summary>Every problem with this config at once; empty when it can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Layout.Validate());
        errors.AddRange(Loss.Validate());
        if (Steps is < 1 or > 10_000_000) errors.Add($"--steps must be in 1..10000000, got {Steps}");
        if (EvalEvery < 1) errors.Add($"--eval-every must be at least 1, got {EvalEvery}");
        if (EvalPoints is < 1 or > 1_000_000) errors.Add($"--points must be in 1..1000000, got {EvalPoints}");
        if (MinimumPerMode < 1) errors.Add($"--mode-threshold must be at least 1, got {MinimumPerMode}");
        if (LatentDim is < 1 or > 65_536) errors.Add($"the latent size must be in 1..65536, got {LatentDim}");
        if (Hidden is < 1 or > 65_536) errors.Add($"the hidden width must be in 1..65536, got {Hidden}");
        if (BatchSize is < 1 or > 1_000_000) errors.Add($"--batch-size must be in 1..1000000, got {BatchSize}");
        errors.AddRange(Optimizer.Validate());
        return errors;
    }

    /// <summary>Adam for both networks with their learning rates and β₁ (and Adam's default β₂).</summary>
    [System.Text.Json.Serialization.JsonIgnore] // derived from the fields above, which config.json already holds
    public OptimizerConfig Optimizer => new("adam", GeneratorLr, DiscriminatorLr, Beta1);

    /// <summary>Throws one <see cref="LsganException"/> listing every problem.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new LsganException("Invalid mixture experiment: " + string.Join("; ", errors) + ".");
    }
}
