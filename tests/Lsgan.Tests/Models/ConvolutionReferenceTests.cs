namespace Lsgan.Tests.Models;

/// <summary>
/// The float64 convolution reference checked on its own: small cases worked out by hand, and the adjoint identities
/// that tie the convolution and the transposed convolution together (their gradients are each other's outputs).
/// </summary>
public class ConvolutionReferenceTests
{
    private static readonly double[] Nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    private static readonly double[] Four = [1, 2, 3, 4];

    [Fact]
    public void Given_a_3x3_image_when_convolved_with_stride_2_and_padding_1_then_output_and_gradients_are_the_hand_worked_ones()
    {
        // x = [1 2 3; 4 5 6; 7 8 9], w = [1 2; 3 4], bias ½, upstream g = [1 2; 3 4]. Output (i, j) covers padded rows
        // 2i−1..2i and columns 2j−1..2j, so y00 = 4·1, y01 = 3·2 + 4·3, y10 = 2·4 + 4·7, y11 = 1·5 + 2·6 + 3·8 + 4·9.
        // With kernel 2 and stride 2 each pixel is read by one output: dx = (its tap of w)·(that output's g), e.g.
        // x02 is tap w11 of y01: 4·2 = 8. dw[p,q] = Σ g·x over the pixels tap (p, q) reads: dw00 = g11·x11 = 20,
        // dw01 = g10·x10 + g11·x12 = 36, dw10 = g01·x01 + g11·x21 = 36, dw11 = 1·1 + 2·3 + 3·7 + 4·9 = 64.
        var pass = ConvolutionReference.Conv2d(new ConvolutionShape(1, 1, 1, 3, 2, 2, 1), Nine, Four, [0.5], Four);

        Assert.Equal([4.5, 18.5, 36.5, 77.5], pass.Output);
        Assert.Equal([4, 6, 8, 6, 4, 8, 12, 12, 16], pass.InputGradient!);
        Assert.Equal([20, 36, 36, 64], pass.WeightGradient!);
        Assert.Equal([10.0], pass.BiasGradient!);
    }

    [Fact]
    public void Given_a_2x2_image_when_transposed_convolved_with_stride_2_and_padding_1_then_output_and_gradients_are_the_hand_worked_ones()
    {
        // x = [1 2; 3 4], w = [1 2; 3 4], bias ½, g = [1 2; 3 4]. Stride 2 puts the block x_ij·w at rows and columns
        // 2i..2i+1, 2j..2j+1 of a 4×4 image: [1 2 2 4; 3 4 6 8; 3 6 4 8; 9 12 12 16]; padding 1 crops it to the
        // middle [4 6; 6 4]. Output (0,0) came from x00·w11, (0,1) from x01·w10, (1,0) from x10·w01, (1,1) from
        // x11·w00, so dx = (g00·4, g01·3, g10·2, g11·1) = (4, 6, 6, 4) and dw = (w00: g11·x11, w01: g10·x10,
        // w10: g01·x01, w11: g00·x00) = (16, 9, 4, 1).
        var pass = ConvolutionReference.ConvTranspose2d(new ConvolutionShape(1, 1, 1, 2, 2, 2, 1), Four, Four, [0.5], Four);

        Assert.Equal([4.5, 6.5, 6.5, 4.5], pass.Output);
        Assert.Equal([4, 6, 6, 4], pass.InputGradient!);
        Assert.Equal([16, 9, 4, 1], pass.WeightGradient!);
        Assert.Equal([10.0], pass.BiasGradient!);
    }

    [Fact]
    public void Given_one_pixel_and_a_1x1_kernel_when_convolved_then_channels_mix_through_weight_out_in_or_in_out()
    {
        // A 1×1 convolution of one pixel is a matrix product. Conv2d's weight is [out, in]: rows (1 0), (0 1), (1 1)
        // map x = (1, 2) to (1, 2, 3). ConvTranspose2d's is [in, out]: the same six numbers read as rows (1 0 1),
        // (0 1 1) map (1, 2) to (1, 2, 3) too; as [out, in] they would give (1, 1, 3).
        double[] x = [1, 2], upstream = [1, 1, 1];

        var conv = ConvolutionReference.Conv2d(new ConvolutionShape(1, 2, 3, 1, 1, 1, 0), x, [1, 0, 0, 1, 1, 1], [0, 0, 0.5], upstream);
        var transposed = ConvolutionReference.ConvTranspose2d(new ConvolutionShape(1, 2, 3, 1, 1, 1, 0), x, [1, 0, 1, 0, 1, 1], [0, 0, 0.5], upstream);

        Assert.Equal([1, 2, 3.5], conv.Output);
        Assert.Equal([2, 2], conv.InputGradient!);        // column sums of [out, in]
        Assert.Equal([1, 2, 3.5], transposed.Output);
        Assert.Equal([2, 2], transposed.InputGradient!);  // row sums of [in, out]
    }

    [Theory]
    [InlineData(2, 3, 4, 7, 3, 2, 1)]
    [InlineData(2, 2, 5, 8, 4, 1, 2)]   // the stride-1, padding-2 shape of ConvolutionLayerTests
    [InlineData(2, 3, 2, 14, 4, 2, 1)]  // the models' shape
    public void Given_a_convolution_when_its_gradients_are_computed_then_they_are_transposed_convolutions_with_the_same_weight(
        int batch, int inChannels, int outChannels, int size, int kernel, int stride, int padding)
    {
        // A convolution's input gradient is the transposed convolution of the upstream gradient with the same weight
        // ([out, in, k, k] read as [in', out', k, k]), and the transposed convolution's input gradient is the
        // convolution of its upstream; both weight gradients are Σ (small side)·(large side) over the same taps.
        var random = new Random(4);
        var shape = new ConvolutionShape(batch, inChannels, outChannels, size, kernel, stride, padding);
        var small = new ConvolutionShape(batch, outChannels, inChannels, shape.ConvolutionOutSize, kernel, stride, padding);
        Assert.Equal(size, small.TransposedOutSize);
        double[] x = Draw(random, batch * inChannels * size * size), weight = Draw(random, outChannels * inChannels * kernel * kernel);
        double[] g = Draw(random, batch * outChannels * small.Size * small.Size);

        var conv = ConvolutionReference.Conv2d(shape, x, weight, new double[outChannels], g);
        var transposed = ConvolutionReference.ConvTranspose2d(small, g, weight, new double[inChannels], x);

        AssertClose(conv.InputGradient!, transposed.Output);
        AssertClose(transposed.InputGradient!, conv.Output);
        AssertClose(conv.WeightGradient!, transposed.WeightGradient!);
    }

    internal static double[] Draw(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => random.NextDouble() * 2 - 1).ToArray();

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
    }
}
