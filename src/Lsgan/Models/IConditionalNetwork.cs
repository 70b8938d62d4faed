using static TorchSharp.torch;

namespace Lsgan.Models;

/// <summary>
/// A network that takes a class label beside its input (the paper-conditional family's G and D). Such a network is
/// still a <c>Module&lt;Tensor, Tensor&gt;</c> so that it trains, saves and loads as every other does, but its
/// one-argument forward refuses to run: <see cref="Conditioning.Forward"/> passes the labels.
/// </summary>
public interface IConditionalNetwork
{
    /// <summary>The number of classes its labels come from (0 to Classes − 1).</summary>
    int Classes { get; }

    /// <summary>The network on <paramref name="input"/> with int64 <paramref name="labels"/> [N].</summary>
    Tensor forward(Tensor input, Tensor labels);
}
