using Lsgan.Models.Layers;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Lsgan.Models;

/// <summary>
/// DCGAN-style discriminator for 28×28 images: two stride-2 convolutions with LeakyReLU(0.2)
/// (batch norm on the second, as DCGAN leaves the input layer without it), then a linear raw score.
/// </summary>
public sealed class DcganDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear score;

    /// <param name="config">Channels and whether D has batch norm.</param>
    /// <param name="unfoldedInputLayer">The first layer as <see cref="UnfoldedConv2d"/> (same function and parameters).</param>
    public DcganDiscriminator(ModelConfig config, bool unfoldedInputLayer = true) : base(nameof(DcganDiscriminator))
    {
        features = Sequential(Blocks(config.DiscriminatorBatchNorm, config.Channels, unfoldedInputLayer));
        score = Linear(128 * 7 * 7, 1);
        RegisterComponents();
    }

    private static IEnumerable<(string, Module<Tensor, Tensor>)> Blocks(bool bn, int channels, bool unfoldedInputLayer)
    {
        // C x 28 x 28
        // Few input channels: libtorch's input gradient is slow there (see UnfoldedConv2d).
        yield return ("conv1", unfoldedInputLayer
            ? new UnfoldedConv2d(channels, 64, 4, stride: 2, padding: 1)
            : Conv2d(channels, 64, 4, stride: 2, padding: 1));
        yield return ("act1", LeakyReLU(0.2));
        // 64 x 14 x 14
        yield return ("conv2", Conv2d(64, 128, 4, stride: 2, padding: 1));
        if (bn) yield return ("bn2", BatchNorm2d(128));
        yield return ("act2", LeakyReLU(0.2));
        // 128 x 7 x 7
        yield return ("flatten", Flatten());
    }

    public override Tensor forward(Tensor images) => score.call(features.call(images));
}
