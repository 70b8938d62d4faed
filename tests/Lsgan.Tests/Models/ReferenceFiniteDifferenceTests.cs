namespace Lsgan.Tests.Models;

/// <summary>
/// Every gradient of the float64 references against central differences of their own forward pass: with the
/// hand-worked forward cases, this is what makes the reference trusted for shapes too large to work out by hand.
/// </summary>
public class ReferenceFiniteDifferenceTests
{
    [Theory]
    [InlineData(2, 2, 3, 5, 3, 2, 1)]
    [InlineData(2, 2, 3, 6, 4, 1, 2)]   // stride 1, padding 2
    [InlineData(1, 3, 2, 6, 4, 2, 1)]   // the models' kernel, stride and padding
    [InlineData(2, 2, 2, 5, 3, 2, 0)]
    public void Given_a_convolution_when_its_gradients_are_computed_then_they_are_the_derivatives_of_its_output(
        int batch, int inChannels, int outChannels, int size, int kernel, int stride, int padding)
    {
        var shape = new ConvolutionShape(batch, inChannels, outChannels, size, kernel, stride, padding);
        int outSize = shape.ConvolutionOutSize;
        Check(batch * inChannels * size * size, outChannels * inChannels * kernel * kernel, outChannels,
            batch * outChannels * outSize * outSize, (x, w, b, g) => ConvolutionReference.Conv2d(shape, x, w, b, g));
    }

    [Theory]
    [InlineData(2, 2, 3, 3, 3, 2, 1)]
    [InlineData(2, 3, 2, 6, 4, 1, 2)]   // stride 1, padding 2
    [InlineData(1, 3, 2, 3, 4, 2, 1)]   // the models' kernel, stride and padding
    [InlineData(2, 2, 2, 3, 3, 2, 0)]
    public void Given_a_transposed_convolution_when_its_gradients_are_computed_then_they_are_the_derivatives_of_its_output(
        int batch, int inChannels, int outChannels, int size, int kernel, int stride, int padding)
    {
        var shape = new ConvolutionShape(batch, inChannels, outChannels, size, kernel, stride, padding);
        int outSize = shape.TransposedOutSize;
        Check(batch * inChannels * size * size, inChannels * outChannels * kernel * kernel, outChannels,
            batch * outChannels * outSize * outSize, (x, w, b, g) => ConvolutionReference.ConvTranspose2d(shape, x, w, b, g));
    }

    [Fact]
    public void Given_a_linear_layer_when_its_gradients_are_computed_then_they_are_the_derivatives_of_its_output() =>
        Check(3 * 4, 5 * 4, 5, 3 * 5, (x, w, b, g) => DenseReference.Linear(3, 4, 5, x, w, b, g));

    [Theory]
    [InlineData(3, 2, 1)]   // BatchNorm1d
    [InlineData(2, 3, 4)]   // BatchNorm2d over 2×2 pixels
    public void Given_batch_norm_in_training_when_its_gradients_are_computed_then_they_are_the_derivatives_of_its_output(
        int batch, int channels, int spatial)
    {
        int count = batch * channels * spatial;
        Check(count, channels, channels, count, (x, w, b, g) => DenseReference.BatchNorm(batch, channels, spatial, x, w, b, 1e-5, g));
    }

    [Fact]
    public void Given_the_activations_when_their_gradients_are_computed_then_they_are_the_derivatives_of_their_output()
    {
        Check(6, 0, 0, 6, (x, _, _, g) => DenseReference.LeakyReLU(0.2, x, g));
        Check(6, 0, 0, 6, (x, _, _, g) => DenseReference.Tanh(x, g));
    }

    /// <summary>
    /// Draws inputs, weights, biases and an upstream gradient g, and checks each gradient of L = Σ g·y against
    /// (L(θ + h) − L(θ − h)) / 2h, element by element. The error of a central difference is O(h²) plus rounding
    /// O(ε/h): about 1e-10 here, far below the 1e-7 relative tolerance and far below any indexing mistake.
    /// </summary>
    private static void Check(int inputs, int weights, int biases, int outputs, Func<double[], double[], double[], double[], LayerPass> pass)
    {
        var random = new Random(6);
        double[] x = ConvolutionReferenceTests.Draw(random, inputs), w = ConvolutionReferenceTests.Draw(random, weights);
        double[] b = ConvolutionReferenceTests.Draw(random, biases), g = ConvolutionReferenceTests.Draw(random, outputs);
        var analytic = pass(x, w, b, g);
        Assert.Equal(outputs, analytic.Output.Length);
        // The arrays are changed in place by AssertDerivatives, so the loss reads them afresh each time.
        double Loss() => pass(x, w, b, g).Output.Zip(g, (y, u) => y * u).Sum();

        AssertDerivatives("input", x, analytic.InputGradient!, Loss);
        if (weights > 0) AssertDerivatives("weight", w, analytic.WeightGradient!, Loss);
        if (biases > 0) AssertDerivatives("bias", b, analytic.BiasGradient!, Loss);
    }

    private static void AssertDerivatives(string what, double[] values, double[] gradient, Func<double> loss)
    {
        const double h = 1e-5;
        double scale = gradient.Max(Math.Abs);
        Assert.True(scale > 0, $"{what} gradient is all zero");
        for (int i = 0; i < values.Length; i++)
        {
            double kept = values[i];
            values[i] = kept + h;
            double up = loss();
            values[i] = kept - h;
            double down = loss();
            values[i] = kept;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-7 * Math.Max(1, scale),
                $"{what} gradient [{i}]: {gradient[i]:g9} analytic, {numeric:g9} by central difference");
        }
    }
}
