using TorchSharp;

namespace Lsgan.Losses;

/// <summary>
/// A GAN objective as a pair of losses on the discriminator's raw (pre-activation) outputs.
/// Both return scalar tensors that are minimised.
/// </summary>
public interface IGanLoss
{
    /// <summary>Loss of D given its outputs on a real batch and on a generated batch.</summary>
    torch.Tensor DiscriminatorLoss(torch.Tensor realOutput, torch.Tensor fakeOutput);

    /// <summary>Loss of G given D's outputs on a generated batch.</summary>
    torch.Tensor GeneratorLoss(torch.Tensor fakeOutput);

    /// <summary>
    /// D's loss and its gradient with respect to <paramref name="outputs"/>: D's outputs on the real batch (the first
    /// <paramref name="realCount"/> rows) and then on the generated batch. Autograd unless a loss knows the closed form.
    /// </summary>
    (torch.Tensor Loss, torch.Tensor Gradient) DiscriminatorLossAndGradient(torch.Tensor outputs, long realCount) =>
        OutputGradient.DiscriminatorByAutograd(this, outputs, realCount);

    /// <summary>G's loss and its gradient with respect to D's outputs on the generated batch. Autograd unless a loss knows the closed form.</summary>
    (torch.Tensor Loss, torch.Tensor Gradient) GeneratorLossAndGradient(torch.Tensor fakeOutput) =>
        OutputGradient.ByAutograd(fakeOutput, GeneratorLoss);

    /// <summary>Short name used in configs and reports, e.g. "ls(0,1,1)".</summary>
    string Describe();
}
