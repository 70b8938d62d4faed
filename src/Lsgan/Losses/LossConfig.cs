namespace Lsgan.Losses;

/// <summary>Which GAN objective to train with: "ls" (least squares with labels a, b, c) or "bce".</summary>
/// <param name="Kind">One of <see cref="LossFamilies.Names"/>.</param>
/// <param name="A">Least squares: the label for generated images (paper's a).</param>
/// <param name="B">Least squares: the label for real images (paper's b).</param>
/// <param name="C">Least squares: the value G wants D to output for generated images (paper's c).</param>
public sealed record LossConfig(string Kind = "ls", double A = 0, double B = 1, double C = 1)
{
    /// <summary>Named (a, b, c) presets of the paper: "01" = (0, 1, 1), "chi2" = (−1, 1, 0).</summary>
    public static LossConfig? Preset(string name) => name switch
    {
        "01" => new LossConfig("ls", 0, 1, 1),
        "chi2" => new LossConfig("ls", -1, 1, 0),
        _ => null,
    };

    public IReadOnlyList<string> Validate()
    {
        var family = LossFamilies.Find(Kind);
        if (family is null) return [$"unknown loss '{Kind}' (expected one of: {string.Join(", ", LossFamilies.Names)})"];
        return [.. family.Validate(this)];
    }

    public IGanLoss Create() => LossFamilies.Get(Kind).Create(this);
}
