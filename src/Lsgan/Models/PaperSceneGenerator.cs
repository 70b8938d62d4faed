using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Lsgan.Models;

/// <summary>
/// The LSGAN paper's scene generator (Mao et al. 2017, Fig. 3a; the authors' vgg.py): z → linear to
/// 256 × S/16 × S/16, then 3×3 transposed convolutions 256 s2, 256 s1, 256 s2, 256 s1, 128 s2, 64 s2 (each batch
/// norm, ReLU) and a 3×3 transposed convolution to C channels s1 with tanh. S is 112 in the paper; 64 and 32 keep
/// every layer and only start from 4×4 and 2×2.
/// </summary>
/// <remarks>
/// TensorFlow's 'SAME' transposed convolution is libtorch's padding 1 (with output padding 1 where the stride is 2):
/// the same sizes and weights, its taps one pixel apart from TensorFlow's at the borders.
/// </remarks>
public sealed class PaperSceneGenerator : Module<Tensor, Tensor>
{
    private readonly Linear project;
    private readonly Sequential upsample;
    private readonly int start;

    public PaperSceneGenerator(ModelConfig config) : base(nameof(PaperSceneGenerator))
    {
        start = config.ImageSize / 16;
        project = Linear(config.LatentDim, 256 * start * start);
        upsample = Sequential(Blocks(config.GeneratorBatchNorm, config.Channels));
        RegisterComponents();
    }

    private static IEnumerable<(string, Module<Tensor, Tensor>)> Blocks(bool bn, int channels)
    {
        // 256 x S/16 x S/16
        if (bn) yield return ("bn0", BatchNorm2d(256));
        yield return ("act0", ReLU());
        (string Name, int In, int Out, int Stride)[] layers =
        [
            ("deconv1_1", 256, 256, 2), // 256 x S/8
            ("deconv1_2", 256, 256, 1), // 256 x S/8
            ("deconv2_1", 256, 256, 2), // 256 x S/4
            ("deconv2_2", 256, 256, 1), // 256 x S/4
            ("deconv3_1", 256, 128, 2), // 128 x S/2
            ("deconv4_1", 128, 64, 2), //   64 x S
        ];
        foreach (var (name, inChannels, outChannels, stride) in layers)
        {
            yield return (name, Deconvolution(inChannels, outChannels, stride));
            if (bn) yield return ("bn" + name[6..], BatchNorm2d(outChannels));
            yield return ("act" + name[6..], ReLU());
        }
        yield return ("deconv5", Deconvolution(64, channels, 1));
        // C x S x S
        yield return ("tanh", Tanh());
    }

    // 3x3, stride 1 keeps the size and stride 2 doubles it.
    private static ConvTranspose2d Deconvolution(int inChannels, int outChannels, int stride) =>
        ConvTranspose2d(inChannels, outChannels, 3, stride: stride, padding: 1, output_padding: stride - 1);

    public override Tensor forward(Tensor z) =>
        upsample.call(project.call(z).view(z.shape[0], 256, start, start));
}
