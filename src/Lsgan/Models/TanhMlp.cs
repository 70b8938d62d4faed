using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Lsgan.Models;

/// <summary>
/// The small networks of the paper's Gaussian-mixture experiment (Mao et al. 2017, Sec. 4.3), used for both G and
/// D: input → hidden → hidden (tanh after each) → linear output. G maps z (256) to a 2-D point, D a point to a score.
/// </summary>
/// <remarks>
/// Weights are orthogonal matrices scaled by 1.4 and biases zero, the initialisation of the authors' mixture code
/// (its fully connected layers use an orthogonal initialiser with gain 1.4). The N(0, 0.02) of lsgan's image networks
/// leaves these tanh layers nearly linear with tiny outputs: D then stays at D(x) = ½ everywhere (loss 0.25) for
/// 20,000 steps while G drifts off the ring (seen on the ring of 8, seed 0).
/// </remarks>
public sealed class TanhMlp : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <param name="inputs">Size of the input (z for G, 2 for D).</param>
    /// <param name="hidden">Units of each of the two hidden layers (the paper's 128).</param>
    /// <param name="outputs">Size of the output (2 for G, 1 for D).</param>
    /// <param name="random">Draws the initial weights, so a seed fixes them.</param>
    public TanhMlp(long inputs, long hidden, long outputs, Generator random) : base(nameof(TanhMlp))
    {
        var (hidden1, hidden2, output) = (Linear(inputs, hidden), Linear(hidden, hidden), Linear(hidden, outputs));
        layers = Sequential(
            ("linear1", hidden1), ("tanh1", Tanh()),     // hidden
            ("linear2", hidden2), ("tanh2", Tanh()),     // hidden
            ("output", output));                         // outputs, linear
        RegisterComponents();
        // Kept beside the Sequential (which owns and names them) for TanhMlpPass; set after registration so that
        // RegisterComponents never sees them as modules of their own.
        LinearLayers = (hidden1, hidden2, output);
        // After registration, which is what makes named_parameters() see the layers' weights.
        using (no_grad())
        {
            foreach (var (name, parameter) in named_parameters())
            {
                if (name.EndsWith("weight", StringComparison.Ordinal)) parameter.copy_(Orthogonal(parameter.shape[0], parameter.shape[1], random) * Gain);
                else parameter.zero_();
            }
        }
    }

    public override Tensor forward(Tensor input) => layers.call(input);

    /// <summary>The three linear layers in order (the hidden ones are followed by tanh), for <see cref="TanhMlpPass"/>.</summary>
    public (Linear Hidden1, Linear Hidden2, Linear Output) LinearLayers { get; }

    private const double Gain = 1.4;

    /// <summary>
    /// A [rows, cols] matrix with orthonormal rows or columns (whichever are fewer): the Q of a QR decomposition of a
    /// Gaussian matrix, its columns' signs fixed by R's diagonal so that Q is uniformly distributed.
    /// </summary>
    private static Tensor Orthogonal(long rows, long cols, Generator random)
    {
        using var scope = NewDisposeScope();
        bool wide = rows < cols;
        var gaussian = randn(wide ? [cols, rows] : [rows, cols], generator: random);
        var (q, r) = linalg.qr(gaussian);
        q *= r.diagonal().sign();
        return (wide ? q.t() : q).contiguous().MoveToOuterDisposeScope();
    }
}
