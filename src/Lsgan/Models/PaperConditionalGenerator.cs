using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Lsgan.Models;

/// <summary>
/// The LSGAN paper's class-conditional generator (Mao et al. 2017, Fig. 4a; the authors' mcgan.py): the label y goes
/// through a linear map Φ(y) to 256 values; [z, Φ(y)] → linear to 128 × 7 × 7, batch norm, ReLU; 5×5 transposed
/// convolution to 128 channels stride 2, batch norm, ReLU; 5×5 transposed convolution to C channels stride 2, sigmoid.
/// </summary>
/// <remarks>
/// The sigmoid gives [0, 1], the authors' pixel range; lsgan's images are in [−1, 1], so the output is 2·sigmoid − 1,
/// which only rescales what D sees (D's first layer absorbs it). As the authors' code does, the first batch norm
/// normalises each of the 6,272 values of the linear layer before the reshape. Padding 2 (output padding 1) is
/// TensorFlow's 'SAME' up to a one-pixel shift of the taps at the borders.
/// </remarks>
public sealed class PaperConditionalGenerator : Module<Tensor, Tensor>, IConditionalNetwork
{
    /// <summary>Values of Φ(y), in G and in D.</summary>
    public const int LabelWidth = 256;

    private readonly Linear phi;
    private readonly Sequential project;
    private readonly Sequential upsample;
    private readonly int start;

    public PaperConditionalGenerator(ModelConfig config) : base(nameof(PaperConditionalGenerator))
    {
        Classes = config.Classes;
        start = config.ImageSize / 4;
        bool bn = config.GeneratorBatchNorm;
        phi = Linear(Classes, LabelWidth);
        project = Sequential(ProjectBlocks(config.LatentDim + LabelWidth, 128 * start * start, bn));
        upsample = Sequential(UpsampleBlocks(bn, config.Channels));
        RegisterComponents();
    }

    public int Classes { get; }

    private static IEnumerable<(string, Module<Tensor, Tensor>)> ProjectBlocks(int inFeatures, int outFeatures, bool bn)
    {
        yield return ("linear", Linear(inFeatures, outFeatures));
        if (bn) yield return ("bn0", BatchNorm1d(outFeatures));
        yield return ("act0", ReLU());
    }

    private static IEnumerable<(string, Module<Tensor, Tensor>)> UpsampleBlocks(bool bn, int channels)
    {
        // 128 x S/4 x S/4
        yield return ("deconv1", ConvTranspose2d(128, 128, 5, stride: 2, padding: 2, output_padding: 1));
        // 128 x S/2 x S/2
        if (bn) yield return ("bn1", BatchNorm2d(128));
        yield return ("act1", ReLU());
        yield return ("deconv2", ConvTranspose2d(128, channels, 5, stride: 2, padding: 2, output_padding: 1));
        // C x S x S
        yield return ("sigmoid", Sigmoid());
    }

    public override Tensor forward(Tensor z) => throw Conditioning.MissingLabels(nameof(PaperConditionalGenerator));

    public Tensor forward(Tensor z, Tensor labels)
    {
        var label = phi.call(Conditioning.OneHot(labels, Classes, z.dtype));
        var hidden = project.call(cat([z, label], 1)).view(z.shape[0], 128, start, start);
        return upsample.call(hidden).mul(2).sub_(1);
    }
}
