using TorchSharp;

namespace Lsgan.Losses;

/// <summary>
/// The least-squares GAN objective (Mao et al. 2017, eq. 2):
/// D minimises ½·E[(D(x) − b)²] + ½·E[(D(G(z)) − a)²] and G minimises ½·E[(D(G(z)) − c)²],
/// on D's raw output (never after a sigmoid). Preset 0-1-1 uses (a, b, c) = (0, 1, 1);
/// the χ² preset (eq. 9: b − c = 1, b − a = 2) uses (−1, 1, 0).
/// </summary>
public sealed class LeastSquaresLoss(double a, double b, double c) : IGanLoss
{
    /// <summary>Label D should give generated images.</summary>
    public double A { get; } = a;

    /// <summary>Label D should give real images.</summary>
    public double B { get; } = b;

    /// <summary>Label G wants D to give its images.</summary>
    public double C { get; } = c;

    public static LeastSquaresLoss ZeroOneOne() => new(0, 1, 1);

    public static LeastSquaresLoss ChiSquared() => new(-1, 1, 0);

    /// <summary>What makes labels unusable: a non-finite label, or a = b, which leaves D nothing to tell apart.</summary>
    public static IEnumerable<string> Validate(double a, double b, double c)
    {
        if (!(double.IsFinite(a) && double.IsFinite(b) && double.IsFinite(c)))
            yield return "the labels a, b and c must be finite numbers";
        else if (a == b)
            yield return $"a and b must differ, or D has nothing to tell apart (both are {a:g})";
    }

    public torch.Tensor DiscriminatorLoss(torch.Tensor realOutput, torch.Tensor fakeOutput) =>
        0.5 * (realOutput - B).square().mean() + 0.5 * (fakeOutput - A).square().mean();

    public torch.Tensor GeneratorLoss(torch.Tensor fakeOutput) =>
        0.5 * (fakeOutput - C).square().mean();

    /// <summary>The closed form: ∂/∂D(x) = (D(x) − b)/N for the real rows (N outputs of each batch), (D(G(z)) − a)/N for the generated ones.</summary>
    public (torch.Tensor Loss, torch.Tensor Gradient) DiscriminatorLossAndGradient(torch.Tensor outputs, long realCount)
    {
        var realOutput = OutputGradient.Real(outputs, realCount);
        var fakeOutput = OutputGradient.Generated(outputs, realCount);
        var gradient = torch.cat([(realOutput - B) / realOutput.numel(), (fakeOutput - A) / fakeOutput.numel()], 0);
        return (DiscriminatorLoss(realOutput, fakeOutput), gradient);
    }

    /// <summary>The closed form: ∂/∂D(G(z)) = (D(G(z)) − c)/N.</summary>
    public (torch.Tensor Loss, torch.Tensor Gradient) GeneratorLossAndGradient(torch.Tensor fakeOutput) =>
        (GeneratorLoss(fakeOutput), (fakeOutput - C) / fakeOutput.numel());

    public string Describe() => $"ls({A:g},{B:g},{C:g})";
}
