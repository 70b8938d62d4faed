using TorchSharp;
using static TorchSharp.torch.nn.functional;

namespace Lsgan.Losses;

/// <summary>
/// The regular GAN objective (Goodfellow et al. 2014) as sigmoid cross-entropy on D's logits:
/// D minimises −log σ(D(x)) − log(1 − σ(D(G(z)))), and G uses the non-saturating loss −log σ(D(G(z))).
/// The logit form (softplus) is used because it is stable where σ saturates.
/// </summary>
public sealed class SigmoidCrossEntropyLoss : IGanLoss
{
    // −log σ(t) = softplus(−t) and −log(1 − σ(t)) = softplus(t).
    public torch.Tensor DiscriminatorLoss(torch.Tensor realOutput, torch.Tensor fakeOutput) =>
        softplus(-realOutput).mean() + softplus(fakeOutput).mean();

    public torch.Tensor GeneratorLoss(torch.Tensor fakeOutput) => softplus(-fakeOutput).mean();

    /// <summary>The closed form: ∂ softplus(−t)/∂t = σ(t) − 1 for the real rows, ∂ softplus(t)/∂t = σ(t) for the generated ones, over the N outputs (σ(t) − 1 as −σ(−t), exact where σ(t) rounds to 1).</summary>
    public (torch.Tensor Loss, torch.Tensor Gradient) DiscriminatorLossAndGradient(torch.Tensor outputs, long realCount)
    {
        var realOutput = OutputGradient.Real(outputs, realCount);
        var fakeOutput = OutputGradient.Generated(outputs, realCount);
        var gradient = torch.cat([-(-realOutput).sigmoid() / realOutput.numel(), fakeOutput.sigmoid() / fakeOutput.numel()], 0);
        return (DiscriminatorLoss(realOutput, fakeOutput), gradient);
    }

    /// <summary>The closed form of the non-saturating loss: ∂ softplus(−t)/∂t = σ(t) − 1, over the N outputs (σ(t) − 1 as −σ(−t), exact where σ(t) rounds to 1).</summary>
    public (torch.Tensor Loss, torch.Tensor Gradient) GeneratorLossAndGradient(torch.Tensor fakeOutput) =>
        (GeneratorLoss(fakeOutput), -(-fakeOutput).sigmoid() / fakeOutput.numel());

    public string Describe() => "bce";
}
