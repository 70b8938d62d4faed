using Lsgan.Models;
using static TorchSharp.torch;

namespace Lsgan.Tests.Models;

/// <summary>
/// The hand-written forward and backward of <see cref="TanhMlp"/> against the same chain in float64
/// (<see cref="DenseReference"/>): output, input gradient, and every weight and bias gradient.
/// </summary>
public sealed class TanhMlpPassTests
{
    [Theory]
    [InlineData(7, 3, 5, 2)]       // no full vector anywhere
    [InlineData(512, 256, 128, 2)] // the paper's G
    [InlineData(1024, 2, 128, 1)]  // the paper's D on real and generated points at once
    public void Given_an_input_and_an_upstream_gradient_when_passed_by_hand_then_every_part_matches_float64(
        int rows, int inputs, int hidden, int outputs)
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(42);
        var network = new TanhMlp(inputs, hidden, outputs, random);
        var x = randn([rows, inputs], generator: random);
        var upstream = randn([rows, outputs], generator: random);

        var pass = TanhMlpPass.Forward(network, x);
        var inputGradient = pass.Backward(upstream, parameterGradients: true, inputGradient: true)!;

        var parameters = network.parameters().Select(LayerPass.Values).ToArray();
        var (output, dx, gradients) = Reference(parameters, LayerPass.Values(x), LayerPass.Values(upstream), rows, inputs, hidden, outputs);
        var parts = new List<PassComparison.Part>();
        parts.AddRange(PassComparison.Compare(new LayerPass(output, dx, null, null), new LayerPass(LayerPass.Values(pass.Output), LayerPass.Values(inputGradient), null, null)));
        var actualGradients = network.parameters().Select(p => LayerPass.Values(p.grad!)).ToArray();
        for (int i = 0; i < gradients.Length; i++)
            parts.AddRange(PassComparison.Compare(new LayerPass(gradients[i], null, null, null), new LayerPass(actualGradients[i], null, null, null)).Select(p => p with { Name = $"parameter {i} gradient" }));
        Assert.Empty(PassComparison.Failures(parts));
    }

    [Fact]
    public void Given_no_parameter_gradients_asked_when_passed_back_then_the_parameters_keep_the_gradients_they_had()
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(3);
        var network = new TanhMlp(4, 8, 1, random);
        foreach (var p in network.parameters()) p.grad = full_like(p, 7f);
        var pass = TanhMlpPass.Forward(network, randn([6, 4], generator: random));

        var inputGradient = pass.Backward(ones(6, 1), parameterGradients: false, inputGradient: true);

        Assert.NotNull(inputGradient);
        Assert.All(network.parameters(), p => Assert.True(p.grad!.eq(7f).all().item<bool>()));
        Assert.Null(pass.Backward(ones(6, 1), parameterGradients: true, inputGradient: false));
    }

    [Fact]
    public void Given_a_row_slice_of_a_larger_tensor_when_passed_then_it_is_the_same_as_a_copy_of_those_rows()
    {
        using var scope = NewDisposeScope();
        using var random = new Generator(9);
        var network = new TanhMlp(3, 16, 2, random);
        var all = randn([20, 3], generator: random);

        var sliced = TanhMlpPass.Forward(network, all.narrow(0, 11, 9)).Output;
        var copied = TanhMlpPass.Forward(network, all.narrow(0, 11, 9).clone()).Output;

        Assert.True(sliced.equal(copied).all().item<bool>());
    }

    /// <summary>linear → tanh → linear → tanh → linear in float64: forward, then backward from the top.</summary>
    private static (double[] Output, double[] InputGradient, double[][] ParameterGradients) Reference(
        double[][] p, double[] x, double[] upstream, int rows, int inputs, int hidden, int outputs)
    {
        double[] None(int n) => new double[n];
        var linear1 = DenseReference.Linear(rows, inputs, hidden, x, p[0], p[1], None(rows * hidden));
        var tanh1 = DenseReference.Tanh(linear1.Output, None(rows * hidden));
        var linear2 = DenseReference.Linear(rows, hidden, hidden, tanh1.Output, p[2], p[3], None(rows * hidden));
        var tanh2 = DenseReference.Tanh(linear2.Output, None(rows * hidden));
        var output = DenseReference.Linear(rows, hidden, outputs, tanh2.Output, p[4], p[5], upstream);
        var back2 = DenseReference.Tanh(linear2.Output, output.InputGradient!);
        var layer2 = DenseReference.Linear(rows, hidden, hidden, tanh1.Output, p[2], p[3], back2.InputGradient!);
        var back1 = DenseReference.Tanh(linear1.Output, layer2.InputGradient!);
        var layer1 = DenseReference.Linear(rows, inputs, hidden, x, p[0], p[1], back1.InputGradient!);
        return (output.Output, layer1.InputGradient!,
            [layer1.WeightGradient!, layer1.BiasGradient!, layer2.WeightGradient!, layer2.BiasGradient!, output.WeightGradient!, output.BiasGradient!]);
    }
}
