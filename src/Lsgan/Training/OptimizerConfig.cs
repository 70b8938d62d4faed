using TorchSharp;
using TorchSharp.Modules;

namespace Lsgan.Training;

/// <summary>
/// Optimizer settings, separately for G and D. The defaults are the LSGAN paper's (and DCGAN's):
/// Adam, learning rate 2e-4, β₁ = 0.5 (a lower β₁ than Adam's 0.9 damps the oscillation of the two-player game).
/// </summary>
/// <param name="Kind">"adam" or "rmsprop".</param>
/// <param name="GeneratorLr">Learning rate of G.</param>
/// <param name="DiscriminatorLr">Learning rate of D.</param>
/// <param name="Beta1">Adam's β₁.</param>
/// <param name="Beta2">Adam's β₂.</param>
public sealed record OptimizerConfig(
    string Kind = "adam",
    double GeneratorLr = 2e-4,
    double DiscriminatorLr = 2e-4,
    double Beta1 = 0.5,
    double Beta2 = 0.999)
{
    public static readonly IReadOnlyList<string> Kinds = ["adam", "rmsprop"];

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Kinds.Contains(Kind)) errors.Add($"unknown optimizer '{Kind}' (expected one of: {string.Join(", ", Kinds)})");
        if (!(GeneratorLr > 0) || !double.IsFinite(GeneratorLr)) errors.Add($"the generator learning rate must be positive, got {GeneratorLr:g}");
        if (!(DiscriminatorLr > 0) || !double.IsFinite(DiscriminatorLr)) errors.Add($"the discriminator learning rate must be positive, got {DiscriminatorLr:g}");
        if (!(Beta1 >= 0 && Beta1 < 1)) errors.Add($"beta1 must be in [0, 1), got {Beta1:g}");
        if (!(Beta2 >= 0 && Beta2 < 1)) errors.Add($"beta2 must be in [0, 1), got {Beta2:g}");
        return errors;
    }

    /// <param name="parameters">The network's parameters.</param>
    /// <param name="lr">Its learning rate.</param>
    /// <param name="fused">Adam in one pass per parameter (<see cref="Fused.Adam"/>); TorchSharp's own when false.</param>
    public OptimizerHelper Create(IEnumerable<Parameter> parameters, double lr, bool fused = true) => Kind switch
    {
        "adam" when fused => new Fused.Adam(parameters, lr, Beta1, Beta2),
        "adam" => torch.optim.Adam(parameters, lr, Beta1, Beta2),
        "rmsprop" => torch.optim.RMSProp(parameters, lr),
        _ => throw new LsganException($"Unknown optimizer '{Kind}' (expected one of: {string.Join(", ", Kinds)})."),
    };
}
