using static TorchSharp.torch;

namespace Lsgan.Models;

/// <summary>How z is drawn: N(0, I) (DCGAN's and ours by default) or U(−1, 1) per value (the LSGAN authors' code).</summary>
public static class LatentDistribution
{
    public const string Normal = "normal";

    public const string Uniform = "uniform";

    public static IReadOnlyList<string> Names { get; } = [Normal, Uniform];

    /// <summary>A batch of <paramref name="count"/> z vectors of <paramref name="config"/>'s size and distribution.</summary>
    public static Tensor Sample(ModelConfig config, long count, Generator random, Device? device = null) => config.Latent switch
    {
        Uniform => rand([count, config.LatentDim], generator: random, device: device).mul_(2).sub_(1),
        _ => randn([count, config.LatentDim], generator: random, device: device),
    };
}
