using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Models;

/// <summary>A generator (z → image in [−1, 1]) and a discriminator (image → raw score) built together.</summary>
public sealed record GanModels(nn.Module<Tensor, Tensor> Generator, nn.Module<Tensor, Tensor> Discriminator) : IDisposable
{
    public void Dispose()
    {
        Generator.Dispose();
        Discriminator.Dispose();
    }
}
