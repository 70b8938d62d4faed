using Lsgan.Features;

namespace Lsgan.Tests.Features;

/// <summary>
/// The features of OnnxModels/tiny-inception.onnx computed by hand in float64, without TorchSharp or ONNX
/// Runtime: map [−1, 1] to [0, 1], resize bilinearly (align_corners false, as PyTorch), normalise, then
/// f = [whole-image channel means, top-left 16 x 16 channel means] · W + B.
/// </summary>
/// <remarks>
/// The model file was written by tools/make-test-onnx-model.py (python3-onnx 1.12, opset 13); W and B here
/// are copied from that script and must change with it.
/// </remarks>
internal static class TinyInceptionReference
{
    public const int FeatureDimension = 8;
    private const int Corner = 16;

    public static readonly double[,] W =
    {
        { 1.0, 0.0, 0.0, 0.5, -1.0, 0.0, 0.25, 2.0 },
        { 0.0, 1.0, 0.0, 0.5, 0.0, -1.0, 0.25, -2.0 },
        { 0.0, 0.0, 1.0, 0.5, 1.0, 1.0, 0.25, 0.0 },
        { 0.0, 0.0, 0.0, 0.0, 2.0, 0.0, -0.5, 1.0 },
        { 0.0, 0.0, 0.0, 0.0, 0.0, 2.0, -0.5, 0.0 },
        { 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, -1.0 },
    };

    public static readonly double[] B = [0.0, 0.1, -0.1, 0.0, 0.5, -0.5, 0.0, 0.25];

    /// <summary>Features of one image [C, H, W] (C = 1 is used for all three channels) resized to size x size.</summary>
    public static double[] Features(float[,,] image, int size, OnnxInputNormalization normalization)
    {
        var pooled = new double[6];
        for (var c = 0; c < 3; c++)
        {
            double whole = 0, corner = 0;
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    double pixel = (Bilinear(image, image.GetLength(0) == 1 ? 0 : c, y, x, size) + 1) / 2;
                    double value = (pixel - normalization.Mean[c]) / normalization.StandardDeviation[c];
                    whole += value;
                    if (y < Corner && x < Corner) corner += value;
                }
            }
            pooled[c] = whole / (size * size);
            pooled[3 + c] = corner / (Corner * Corner);
        }

        var features = (double[])B.Clone();
        for (var j = 0; j < FeatureDimension; j++)
        {
            for (var i = 0; i < 6; i++) features[j] += pooled[i] * W[i, j];
        }
        return features;
    }

    /// <summary>Σ over all six rows of W: the feature shift when every normalised pixel rises by 1.</summary>
    public static double[] ColumnSums()
    {
        var sums = new double[FeatureDimension];
        for (var j = 0; j < FeatureDimension; j++)
        {
            for (var i = 0; i < 6; i++) sums[j] += W[i, j];
        }
        return sums;
    }

    // PyTorch's align_corners=false source index: (dst + 0.5) · in/out − 0.5, clamped at 0; the right
    // neighbour is clamped at the last pixel.
    private static double Bilinear(float[,,] image, int channel, int y, int x, int size)
    {
        var (y0, y1, wy) = Source(y, image.GetLength(1), size);
        var (x0, x1, wx) = Source(x, image.GetLength(2), size);
        return (1 - wy) * ((1 - wx) * image[channel, y0, x0] + wx * image[channel, y0, x1])
               + wy * ((1 - wx) * image[channel, y1, x0] + wx * image[channel, y1, x1]);
    }

    private static (int Low, int High, double Weight) Source(int destination, int inputSize, int outputSize)
    {
        double source = Math.Max(0, (destination + 0.5) * inputSize / outputSize - 0.5);
        int low = Math.Min((int)source, inputSize - 1);
        return (low, Math.Min(low + 1, inputSize - 1), source - low);
    }
}
