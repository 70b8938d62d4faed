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

    public string Describe() => "bce";
}
