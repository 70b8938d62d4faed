using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Lsgan.Models;

/// <summary>
/// The small networks of the paper's Gaussian-mixture experiment (Mao et al. 2017, Sec. 4.3), used for both G and
/// D: input → hidden → hidden (tanh after each) → linear output. G maps z (256) to a 2-D point, D a point to a score.
/// </summary>
/// <remarks>Weights N(0, 0.02) and zero biases, as lsgan initialises every network (<see cref="ModelFactory"/>).</remarks>
public sealed class TanhMlp : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <param name="inputs">Size of the input (z for G, 2 for D).</param>
    /// <param name="hidden">Units of each of the two hidden layers (the paper's 128).</param>
    /// <param name="outputs">Size of the output (2 for G, 1 for D).</param>
    /// <param name="random">Draws the initial weights, so a seed fixes them.</param>
    public TanhMlp(long inputs, long hidden, long outputs, Generator random) : base(nameof(TanhMlp))
    {
        layers = Sequential(
            ("linear1", Linear(inputs, hidden)), ("tanh1", Tanh()),     // hidden
            ("linear2", Linear(hidden, hidden)), ("tanh2", Tanh()),     // hidden
            ("output", Linear(hidden, outputs)));                        // outputs, linear
        RegisterComponents();
        // After registration, which is what makes named_parameters() see the layers' weights.
        using (no_grad())
        {
            foreach (var (name, parameter) in named_parameters())
            {
                if (name.EndsWith("weight", StringComparison.Ordinal)) parameter.normal_(0, 0.02, random);
                else parameter.zero_();
            }
        }
    }

    public override Tensor forward(Tensor input) => layers.call(input);
}
