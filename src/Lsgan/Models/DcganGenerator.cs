using Lsgan.Models.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Lsgan.Models;

/// <summary>
/// DCGAN-style generator for 28×28 images (Radford et al. 2016, sized for MNIST): a linear projection to
/// 128×7×7, then two stride-2 transposed convolutions, ReLU inside and tanh at the output.
/// </summary>
public sealed class DcganGenerator : Module<Tensor, Tensor>
{
    private readonly Linear project;
    private readonly Sequential upsample;

    /// <param name="config">Latent size, channels and whether G has batch norm.</param>
    /// <param name="foldedOutputLayer">The last layer as <see cref="FoldedConvTranspose2d"/> (same function and parameters).</param>
    public DcganGenerator(ModelConfig config, bool foldedOutputLayer = true) : base(nameof(DcganGenerator))
    {
        bool bn = config.GeneratorBatchNorm;
        project = Linear(config.LatentDim, 128 * 7 * 7);
        upsample = Sequential(Blocks(bn, config.Channels, foldedOutputLayer));
        RegisterComponents();
    }

    private static IEnumerable<(string, Module<Tensor, Tensor>)> Blocks(bool bn, int channels, bool foldedOutputLayer)
    {
        // 128 x 7 x 7
        if (bn) yield return ("bn0", BatchNorm2d(128));
        yield return ("act0", ReLU());
        yield return ("deconv1", ConvTranspose2d(128, 64, 4, stride: 2, padding: 1));
        // 64 x 14 x 14
        if (bn) yield return ("bn1", BatchNorm2d(64));
        yield return ("act1", ReLU());
        // Few output channels: libtorch's transposed convolution is slow there (see FoldedConvTranspose2d).
        yield return ("deconv2", foldedOutputLayer
            ? new FoldedConvTranspose2d(64, channels, 4, stride: 2, padding: 1)
            : ConvTranspose2d(64, channels, 4, stride: 2, padding: 1));
        // C x 28 x 28
        yield return ("tanh", Tanh());
    }

    public override Tensor forward(Tensor z) =>
        upsample.call(project.call(z).view(z.shape[0], 128, 7, 7));
}
