using static TorchSharp.torch;

namespace Lsgan.Experiments.Mixture;

/// <summary>
/// A 2-D mixture of equal Gaussians with standard deviation σ around K centres: a ring of K on a circle, or a
/// square grid. The paper's (Mao et al. 2017, Sec. 4.3) is the ring of 8 with radius 1 and σ = 0.01 (its code spaces
/// 9 points over [0, 2π], whose ends coincide: 8 distinct modes); the grid of 25 (5 × 5, spacing 1) is the other
/// layout of the mode-collapse literature.
/// </summary>
/// <param name="Kind">"ring" or "grid".</param>
/// <param name="Modes">K: points on the ring, or a square number for the grid.</param>
/// <param name="Scale">The ring's radius, or the grid's spacing.</param>
/// <param name="Std">σ of every component.</param>
public sealed record MixtureLayout(string Kind = "ring", int Modes = 8, double Scale = 1, double Std = 0.01)
{
    public static readonly IReadOnlyList<string> Kinds = ["ring", "grid"];

    /// <summary>The paper's ring of 8.</summary>
    public static MixtureLayout Ring8 { get; } = new();

    /// <summary>The 5 × 5 grid of the mode-collapse literature as we read VEEGAN and PacGAN: centres −4, −2, 0, 2, 4 on each axis, σ 0.05.</summary>
    public static MixtureLayout Grid25 { get; } = new("grid", 25, 2, 0.05);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Kinds.Contains(Kind)) errors.Add($"unknown mixture layout '{Kind}' (expected one of: {string.Join(", ", Kinds)})");
        if (Modes is < 1 or > 10_000) errors.Add($"the number of modes must be in 1..10000, got {Modes}");
        else if (Kind == "grid" && Side * Side != Modes) errors.Add($"a grid needs a square number of modes, got {Modes}");
        if (!(Scale > 0) || !double.IsFinite(Scale)) errors.Add($"the mixture's radius or spacing must be positive, got {Scale:g}");
        if (!(Std > 0) || !double.IsFinite(Std)) errors.Add($"the mixture's standard deviation must be positive, got {Std:g}");
        return errors;
    }

    private int Side => (int)Math.Round(Math.Sqrt(Modes));

    /// <summary>The K centres as rows (x, y), in float64.</summary>
    public double[,] Centres()
    {
        var centres = new double[Modes, 2];
        for (int k = 0; k < Modes; k++)
        {
            if (Kind == "ring")
            {
                double angle = 2 * Math.PI * k / Modes;
                (centres[k, 0], centres[k, 1]) = (Scale * Math.Cos(angle), Scale * Math.Sin(angle));
            }
            else
            {
                // Centred on the origin: a 5 × 5 grid spans −2..2.
                double offset = (Side - 1) / 2.0;
                (centres[k, 0], centres[k, 1]) = (Scale * (k % Side - offset), Scale * (k / Side - offset));
            }
        }
        return centres;
    }

    /// <summary>
    /// Draws <paramref name="count"/> points [count, 2] (float32): a uniformly chosen centre each, plus σ·N(0, I).
    /// </summary>
    public Tensor Sample(long count, Generator random)
    {
        using var scope = NewDisposeScope();
        var centres = tensor(Centres(), ScalarType.Float64).to_type(ScalarType.Float32);
        var chosen = randint(0, Modes, [count], ScalarType.Int64, generator: random);
        var points = centres.index_select(0, chosen) + (float)Std * randn([count, 2], generator: random);
        return points.MoveToOuterDisposeScope();
    }
}
