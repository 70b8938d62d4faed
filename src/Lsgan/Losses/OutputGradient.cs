using static TorchSharp.torch;

namespace Lsgan.Losses;

/// <summary>
/// A loss of D's outputs together with its gradient with respect to those outputs: what a hand-written backward
/// pass (the mixture test's TanhMlpPass) starts from.
/// </summary>
public static class OutputGradient
{
    /// <summary>The loss and its gradient by autograd on a detached copy of <paramref name="outputs"/>: works for any loss.</summary>
    public static (Tensor Loss, Tensor Gradient) ByAutograd(Tensor outputs, Func<Tensor, Tensor> lossOf)
    {
        using var _ = enable_grad();
        var leaf = outputs.detach().requires_grad_(true);
        var value = lossOf(leaf);
        value.backward();
        return (value.detach(), leaf.grad!);
    }

    /// <summary>D's loss on <paramref name="outputs"/>, the real batch's <paramref name="realCount"/> rows then the generated batch's, and its gradient, by autograd.</summary>
    public static (Tensor Loss, Tensor Gradient) DiscriminatorByAutograd(IGanLoss loss, Tensor outputs, long realCount) =>
        ByAutograd(outputs, joint => loss.DiscriminatorLoss(Real(joint, realCount), Generated(joint, realCount)));

    /// <summary>The real batch's rows of D's joint outputs.</summary>
    public static Tensor Real(Tensor outputs, long realCount) => outputs.narrow(0, 0, realCount);

    /// <summary>The generated batch's rows of D's joint outputs.</summary>
    public static Tensor Generated(Tensor outputs, long realCount) => outputs.narrow(0, realCount, outputs.shape[0] - realCount);
}
