using System.Runtime.InteropServices;
using Lsgan.Models.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lsgan.Models;

/// <summary>
/// One forward pass of a <see cref="TanhMlp"/> with its activations kept, and its backward pass written out by hand:
/// the chain rule through linear → tanh → linear → tanh → linear as a few matrix products and two vector kernels.
/// The mixture test's step is ~100 small libtorch operations under autograd, and with batches of 512 rows their
/// bookkeeping, libtorch's tanh and its bias-gradient sums cost more than the matrix products; this pass leaves only
/// the products to libtorch. Checked against autograd and a float64 reference in TanhMlpPassTests.
/// </summary>
public sealed class TanhMlpPass
{
    private readonly Linear hidden1, hidden2, output;
    private readonly Tensor input, activation1, activation2;

    private TanhMlpPass((Linear, Linear, Linear) layers, Tensor input, Tensor activation1, Tensor activation2, Tensor output)
    {
        (hidden1, hidden2, this.output) = layers;
        this.input = input;
        this.activation1 = activation1;
        this.activation2 = activation2;
        Output = output;
    }

    /// <summary>The network's output for the input, [rows, outputs]; holds no autograd graph.</summary>
    public Tensor Output { get; }

    /// <summary>Runs <paramref name="network"/> on <paramref name="input"/> [rows, inputs], float32 on the CPU.</summary>
    public static TanhMlpPass Forward(TanhMlp network, Tensor input)
    {
        using var _ = no_grad();
        var layers = network.LinearLayers;
        var (hidden1, hidden2, output) = layers;
        var x = input.contiguous();
        var activation1 = Activated(x.mm(hidden1.weight!.t()), hidden1.bias!);
        var activation2 = Activated(activation1.mm(hidden2.weight!.t()), hidden2.bias!);
        return new TanhMlpPass(layers, x, activation1, activation2, addmm(output.bias!, activation2, output.weight!.t(), 1, 1));
    }

    /// <summary>
    /// Back-propagates dLoss/dOutput ([rows, outputs]). With <paramref name="parameterGradients"/>, sets each
    /// parameter's gradient (replacing what it held); returns dLoss/dInput when <paramref name="inputGradient"/>, else null.
    /// </summary>
    public Tensor? Backward(Tensor outputGradient, bool parameterGradients, bool inputGradient)
    {
        using var _ = no_grad();
        var gradient = outputGradient.contiguous();
        if (parameterGradients)
        {
            SetWeightGradient(output, gradient, activation2);
            output.bias!.grad = ColumnSumsOf(gradient);
        }
        gradient = ThroughTanh(activation2, gradient.mm(output.weight!), parameterGradients ? hidden2 : null);
        if (parameterGradients) SetWeightGradient(hidden2, gradient, activation1);
        gradient = ThroughTanh(activation1, gradient.mm(hidden2.weight!), parameterGradients ? hidden1 : null);
        if (parameterGradients) SetWeightGradient(hidden1, gradient, input);
        return inputGradient ? InputGradient(gradient, hidden1.weight!) : null;
    }

    /// <summary>
    /// dx = dy W for y = x W^T. With few inputs (D's 2), W [hidden, 2] is handed to the GEMM as the transpose of a
    /// contiguous [2, hidden] matrix: MKL takes ~90 µs for a [512, 128] × [128, 2] product from a plain W here and ~20 µs
    /// from the transposed layout (AMD EPYC, one thread).
    /// </summary>
    private static Tensor InputGradient(Tensor outputGradient, Tensor weight) =>
        weight.shape[1] < weight.shape[0] ? outputGradient.mm(weight.t().contiguous().t()) : outputGradient.mm(weight);

    /// <summary>
    /// y = x W^T + b: dW = dy^T x. When x has fewer columns than dy (D's first layer: 2 against 128), dW is computed as
    /// (x^T dy)^T: MKL's [128, 1024] × [1024, 2] product took ~260 µs here, its transpose ~35 µs.
    /// </summary>
    private static void SetWeightGradient(Linear layer, Tensor outputGradient, Tensor layerInput) =>
        layer.weight!.grad = layerInput.shape[1] < outputGradient.shape[1]
            ? layerInput.t().mm(outputGradient).t().contiguous()
            : outputGradient.t().mm(layerInput);

    /// <summary>db = the column sums of dy (for the output layer, whose dy does not come through a tanh).</summary>
    private static Tensor ColumnSumsOf(Tensor outputGradient)
    {
        var sums = empty(outputGradient.shape[1]);
        ColumnSums.Of(Floats(outputGradient), (int)outputGradient.shape[0], (int)outputGradient.shape[1], Floats(sums));
        return sums;
    }

    /// <summary>tanh(x W^T + b) from the product x W^T, in place: the GEMM need not first copy b into every row.</summary>
    private static Tensor Activated(Tensor product, Tensor bias)
    {
        TanhKernel.ForwardWithBias(Floats(product), Floats(bias));
        return product;
    }

    /// <summary>
    /// The gradient before a tanh from the one after it; with <paramref name="layer"/>, also that layer's bias gradient
    /// (the column sums of the result), in the same pass.
    /// </summary>
    private static Tensor ThroughTanh(Tensor activation, Tensor activationGradient, Linear? layer)
    {
        var result = empty_like(activationGradient);
        if (layer is null)
        {
            TanhKernel.Gradient(Floats(activation), Floats(activationGradient), Floats(result));
            return result;
        }
        var biasGradient = empty(activationGradient.shape[1]);
        TanhKernel.GradientWithColumnSums(Floats(activation), Floats(activationGradient), Floats(result), Floats(biasGradient));
        layer.bias!.grad = biasGradient;
        return result;
    }

    private static Span<float> Floats(Tensor tensor) =>
        tensor.dtype == ScalarType.Float32 && tensor.device_type == DeviceType.CPU && tensor.is_contiguous()
            ? MemoryMarshal.Cast<byte, float>(tensor.bytes)
            : throw new ArgumentException("The hand-written pass takes contiguous float32 CPU tensors.");
}
