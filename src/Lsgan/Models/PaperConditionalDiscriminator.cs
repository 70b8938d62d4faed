using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Lsgan.Models;

/// <summary>
/// The LSGAN paper's class-conditional discriminator as the authors' mcgan.py builds it: a Φ(y) of its own (linear to
/// 256 values); a 5×5 stride-2 convolution of the image to C + 256 channels, LeakyReLU(0.2); Φ(y) tiled over the map
/// and concatenated; a 5×5 stride-2 convolution to 64 + 256 channels, batch norm, LeakyReLU; flattened and
/// concatenated with Φ(y); linear to 1,024, batch norm, LeakyReLU; concatenated with Φ(y); linear to a raw score.
/// </summary>
/// <remarks>
/// The paper's figure and our issue also tile Φ(y) onto the input image; the authors' code does not (it convolves the
/// image alone, to C + 256 channels, a count kept from DCGAN's conditional MNIST model), and this follows the code.
/// </remarks>
public sealed class PaperConditionalDiscriminator : Module<Tensor, Tensor>, IConditionalNetwork
{
    private const int LabelWidth = PaperConditionalGenerator.LabelWidth;

    private readonly Linear phi;
    private readonly Sequential block0;
    private readonly Sequential block1;
    private readonly Sequential block2;
    private readonly Linear score;

    public PaperConditionalDiscriminator(ModelConfig config) : base(nameof(PaperConditionalDiscriminator))
    {
        Classes = config.Classes;
        bool bn = config.DiscriminatorBatchNorm;
        int channels = config.Channels, end = config.ImageSize / 4;
        phi = Linear(Classes, LabelWidth);
        // C x S x S
        block0 = Sequential(("conv0", Conv2d(channels, channels + LabelWidth, 5, stride: 2, padding: 2)), ("act0", LeakyReLU(0.2)));
        // (C + 256) + 256 x S/2 x S/2
        block1 = Sequential(Block("conv1", Conv2d(channels + 2 * LabelWidth, 64 + LabelWidth, 5, stride: 2, padding: 2), bn ? BatchNorm2d(64 + LabelWidth) : null));
        // (64 + 256) x S/4 x S/4, flattened, + 256
        block2 = Sequential(Block("linear2", Linear((64 + LabelWidth) * end * end + LabelWidth, 1024), bn ? BatchNorm1d(1024) : null));
        // 1,024 + 256
        score = Linear(1024 + LabelWidth, 1);
        RegisterComponents();
    }

    public int Classes { get; }

    private static IEnumerable<(string, Module<Tensor, Tensor>)> Block(string name, Module<Tensor, Tensor> layer, Module<Tensor, Tensor>? batchNorm)
    {
        yield return (name, layer);
        if (batchNorm is not null) yield return ("bn", batchNorm);
        yield return ("act", LeakyReLU(0.2));
    }

    public override Tensor forward(Tensor images) => throw Conditioning.MissingLabels(nameof(PaperConditionalDiscriminator));

    public Tensor forward(Tensor images, Tensor labels)
    {
        long n = images.shape[0];
        var label = phi.call(Conditioning.OneHot(labels, Classes, images.dtype));
        var h0 = block0.call(images);
        var tiled = label.view(n, LabelWidth, 1, 1).expand(n, LabelWidth, h0.shape[2], h0.shape[3]);
        var h1 = block1.call(cat([h0, tiled], 1));
        var h2 = block2.call(cat([h1.flatten(1), label], 1));
        return score.call(cat([h2, label], 1));
    }
}
