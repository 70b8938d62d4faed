using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Lsgan.Models;

/// <summary>
/// The LSGAN paper's scene discriminator (Mao et al. 2017, Fig. 3b; the authors' vgg.py): 5×5 stride-2 convolutions
/// to 64 (no batch norm), 128, 256 and 512 channels (batch norm), each LeakyReLU(0.2), then a linear raw score.
/// </summary>
/// <remarks>TensorFlow's 'SAME' padding is libtorch's padding 2 here: the same sizes for the even inputs it gets.</remarks>
public sealed class PaperSceneDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear score;

    public PaperSceneDiscriminator(ModelConfig config) : base(nameof(PaperSceneDiscriminator))
    {
        int end = config.ImageSize / 16;
        features = Sequential(Blocks(config.DiscriminatorBatchNorm, config.Channels));
        score = Linear(512 * end * end, 1);
        RegisterComponents();
    }

    private static IEnumerable<(string, Module<Tensor, Tensor>)> Blocks(bool bn, int channels)
    {
        // C x S x S
        int[] widths = [64, 128, 256, 512];
        int inChannels = channels;
        for (int i = 0; i < widths.Length; i++)
        {
            yield return ($"conv{i}", Conv2d(inChannels, widths[i], 5, stride: 2, padding: 2));
            // As DCGAN, the input layer has no batch norm.
            if (bn && i > 0) yield return ($"bn{i}", BatchNorm2d(widths[i]));
            yield return ($"act{i}", LeakyReLU(0.2));
            inChannels = widths[i];
        }
        // 512 x S/16 x S/16
        yield return ("flatten", Flatten());
    }

    public override Tensor forward(Tensor images) => score.call(features.call(images));
}
