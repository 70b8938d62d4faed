using static TorchSharp.torch;

namespace Lsgan.Models;

/// <summary>Runs a network with labels when it is conditional and without when it is not, refusing any mix of the two.</summary>
public static class Conditioning
{
    /// <summary>
    /// <paramref name="network"/> on <paramref name="input"/>: with <paramref name="labels"/> for an
    /// <see cref="IConditionalNetwork"/>, which needs them; without for any other, which has no use for them.
    /// </summary>
    public static Tensor Forward(nn.Module<Tensor, Tensor> network, Tensor input, Tensor? labels) => (network, labels) switch
    {
        (IConditionalNetwork conditional, { } given) => conditional.forward(input, given),
        (IConditionalNetwork, null) => throw new LsganException("A class-conditional network needs a class label for each input."),
        (_, null) => network.forward(input),
        _ => throw new LsganException("This network is not class-conditional, so it takes no class labels."),
    };

    /// <summary>The error of the one-argument forward of a conditional network.</summary>
    public static LsganException MissingLabels(string network) =>
        new($"{network} is class-conditional: call it with labels (Conditioning.Forward).");

    /// <summary>Φ(y)'s input: the labels [N] as one-hot rows [N, classes] of <paramref name="dtype"/>.</summary>
    public static Tensor OneHot(Tensor labels, int classes, ScalarType dtype) =>
        nn.functional.one_hot(labels, classes).to_type(dtype);
}
