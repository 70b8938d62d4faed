namespace Lsgan.Tests.Models;

/// <summary>A square 2-D convolution problem: batch, channels, image size, kernel, stride and padding.</summary>
/// <param name="Size">Height = width of the layer's input.</param>
internal sealed record ConvolutionShape(int Batch, int InChannels, int OutChannels, int Size, int Kernel, int Stride, int Padding)
{
    /// <summary>Height = width of a convolution's output (floor division, as libtorch does).</summary>
    public int ConvolutionOutSize => (Size + 2 * Padding - Kernel) / Stride + 1;

    /// <summary>Rows and columns a transposed convolution adds at the bottom and right (libtorch's output_padding).</summary>
    public int OutputPadding { get; init; }

    /// <summary>Height = width of a transposed convolution's output.</summary>
    public int TransposedOutSize => (Size - 1) * Stride - 2 * Padding + Kernel + OutputPadding;

    public override string ToString() =>
        $"n{Batch} {InChannels}->{OutChannels} {Size}x{Size} k{Kernel} s{Stride} p{Padding}";
}
