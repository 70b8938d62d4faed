namespace Lsgan.Losses;

/// <summary>Which GAN objective to train with: "ls" (least squares with labels a, b, c) or "bce".</summary>
/// <param name="Kind">"ls" or "bce".</param>
/// <param name="A">Least squares: the label for generated images (paper's a).</param>
/// <param name="B">Least squares: the label for real images (paper's b).</param>
/// <param name="C">Least squares: the value G wants D to output for generated images (paper's c).</param>
public sealed record LossConfig(string Kind = "ls", double A = 0, double B = 1, double C = 1)
{
    public static readonly IReadOnlyList<string> Kinds = ["ls", "bce"];

    /// <summary>Named (a, b, c) presets of the paper: "01" = (0, 1, 1), "chi2" = (−1, 1, 0).</summary>
    public static LossConfig? Preset(string name) => name switch
    {
        "01" => new LossConfig("ls", 0, 1, 1),
        "chi2" => new LossConfig("ls", -1, 1, 0),
        _ => null,
    };

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Kinds.Contains(Kind)) errors.Add($"unknown loss '{Kind}' (expected one of: {string.Join(", ", Kinds)})");
        if (Kind == "ls" && !(double.IsFinite(A) && double.IsFinite(B) && double.IsFinite(C)))
            errors.Add("the labels a, b and c must be finite numbers");
        else if (Kind == "ls" && A == B)
            errors.Add($"a and b must differ, or D has nothing to tell apart (both are {A:g})");
        return errors;
    }

    public IGanLoss Create() => Kind == "bce" ? new SigmoidCrossEntropyLoss() : new LeastSquaresLoss(A, B, C);
}
