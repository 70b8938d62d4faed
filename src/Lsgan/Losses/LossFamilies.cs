namespace Lsgan.Losses;

/// <summary>
/// Every GAN objective by name: the one place a loss is registered (its D and G losses live in a file of their
/// own). An unknown name is an error everywhere, never a fallback to another loss.
/// </summary>
public static class LossFamilies
{
    public static IReadOnlyList<LossFamily> All { get; } =
    [
        new("ls", "least squares with labels a, b, c (Mao et al. 2017)",
            config => new LeastSquaresLoss(config.A, config.B, config.C), config => LeastSquaresLoss.Validate(config.A, config.B, config.C)),
        new("bce", "regular GAN: sigmoid cross-entropy, non-saturating G loss",
            _ => new SigmoidCrossEntropyLoss(), _ => []),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(family => family.Name)];

    /// <summary>The loss called <paramref name="name"/>, or null.</summary>
    public static LossFamily? Find(string name) => All.FirstOrDefault(family => family.Name == name);

    /// <summary>The loss called <paramref name="name"/>; throws <see cref="LsganException"/> for any other name.</summary>
    public static LossFamily Get(string name) =>
        Find(name) ?? throw new LsganException($"Unknown loss '{name}' (expected one of: {string.Join(", ", Names)}).");
}
