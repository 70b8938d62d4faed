using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Lsgan.Models.Layers;

/// <summary>
/// A square transposed convolution computed as one matrix product and a fold (col2im), for a generator's
/// image-side layer with few output channels. Same function, parameters and parameter names as
/// <c>ConvTranspose2d</c> (weight [in, out, k, k], bias [out]), so checkpoints are interchangeable.
/// </summary>
/// <remarks>
/// libtorch's CPU transposed convolution is slow when the output has one or three channels: 64 → 1 channels,
/// 14 → 28 pixels, batch 64 took 2.7 ms forward here against 0.5 ms this way (bench --step-profile). Each input
/// pixel's column of k·k·out values is x·W; fold adds the overlapping columns into the output.
/// </remarks>
public sealed class FoldedConvTranspose2d : nn.Module<Tensor, Tensor>
{
    private readonly long kernelSize, stride, padding;
    private readonly Parameter weight;
    private readonly Parameter bias;

    public FoldedConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride, long padding)
        : base(nameof(FoldedConvTranspose2d))
    {
        (this.kernelSize, this.stride, this.padding) = (kernelSize, stride, padding);
        weight = new Parameter(empty(inChannels, outChannels, kernelSize, kernelSize));
        bias = new Parameter(zeros(outChannels));
        ConvolutionInit.Default(weight, bias);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        long n = x.shape[0], inChannels = x.shape[1], height = x.shape[2], width = x.shape[3];
        long outHeight = (height - 1) * stride - 2 * padding + kernelSize;
        long outWidth = (width - 1) * stride - 2 * padding + kernelSize;
        // [n·h·w, in] × [in, out·k·k]: one column of output contributions per input pixel.
        var pixels = x.permute(0, 2, 3, 1).reshape(n * height * width, inChannels);
        var columns = pixels.mm(weight.view(inChannels, -1))
            .view(n, height * width, -1).transpose(1, 2);
        var output = F.fold(columns, (outHeight, outWidth), (kernelSize, kernelSize),
            padding: (padding, padding), stride: (stride, stride));
        return output + bias.view(1, -1, 1, 1);
    }
}
