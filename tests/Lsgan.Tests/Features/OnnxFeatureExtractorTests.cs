using Lsgan.Features;
using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Tests.Features;

/// <summary>
/// Runs the tiny stand-ins for an Inception export in OnnxModels/, written by tools/make-test-onnx-model.py
/// (python3-onnx) and committed so these tests need no Python; expected features come from
/// <see cref="TinyInceptionReference"/>, a hand computation in float64.
/// </summary>
public class OnnxFeatureExtractorTests
{
    // float32 resizing and averaging over 299 x 299 pixels against float64 here differ by up to ~2e-6;
    // align_corners=true instead of false moves the features by ~1e-3, far outside this.
    private const double Tolerance = 2e-5;

    private static string Model(string name) => Path.Combine(AppContext.BaseDirectory, "Features", "OnnxModels", name);

    // One thread: the test host runs test classes in parallel on a shared 2-core machine.
    private static OnnxFeatureExtractor Open(string name, OnnxFeatureExtractorOptions? options = null) =>
        new(Model(name), (options ?? new OnnxFeatureExtractorOptions()) with { Threads = 1 });

    // Values in [−0.8, 0.8], so a +0.2 shift stays inside lsgan's [−1, 1] without clamping.
    private static Tensor Images(int count, int channels, int seed, int size = 28) =>
        rand([count, channels, size, size], generator: new Generator((ulong)seed)) * 1.6 - 0.8;

    private static float[,,] Image(Tensor images, int index)
    {
        var (c, h, w) = ((int)images.shape[1], (int)images.shape[2], (int)images.shape[3]);
        float[] values = images[index].contiguous().data<float>().ToArray();
        var image = new float[c, h, w];
        Buffer.BlockCopy(values, 0, image, 0, values.Length * sizeof(float));
        return image;
    }

    private static void AssertFeatures(Tensor images, Tensor features, int size, OnnxInputNormalization normalization)
    {
        Assert.Equal([images.shape[0], TinyInceptionReference.FeatureDimension], features.shape);
        Assert.Equal(ScalarType.Float32, features.dtype);
        for (var n = 0; n < images.shape[0]; n++)
        {
            double[] expected = TinyInceptionReference.Features(Image(images, n), size, normalization);
            float[] actual = features[n].data<float>().ToArray();
            for (var j = 0; j < expected.Length; j++) Assert.Equal(expected[j], actual[j], Tolerance);
        }
    }

    [Theory]
    [InlineData("zero-to-one")]
    [InlineData("minus-one-to-one")]
    [InlineData("imagenet")]
    public void Given_RGB_images_when_features_are_extracted_then_they_equal_the_hand_computed_resize_normalisation_and_projection(string name)
    {
        var normalization = OnnxInputNormalization.Parse(name);
        using var extractor = Open("tiny-inception.onnx", new OnnxFeatureExtractorOptions { Normalization = normalization });
        using var images = Images(3, 3, seed: 1);

        using var features = extractor.Extract(images);

        AssertFeatures(images, features, 299, normalization);
    }

    [Fact]
    public void Given_grayscale_images_when_features_are_extracted_then_the_channel_is_tiled_to_RGB()
    {
        using var extractor = Open("tiny-inception.onnx");
        using var gray = Images(3, 1, seed: 2);
        using var tiled = gray.expand(-1, 3, -1, -1).contiguous();

        using var grayFeatures = extractor.Extract(gray);
        using var tiledFeatures = extractor.Extract(tiled);

        AssertFeatures(gray, grayFeatures, 299, OnnxInputNormalization.ZeroToOne);
        Assert.True(allclose(grayFeatures, tiledFeatures, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Given_the_model_metadata_when_it_is_loaded_then_size_output_and_dimension_come_from_it()
    {
        using var extractor = Open("tiny-inception.onnx");

        Assert.Equal((299, 299), (extractor.InputHeight, extractor.InputWidth));
        Assert.Equal("pool3", extractor.OutputName);
        Assert.Equal(8, extractor.FeatureDimension);
        Assert.Matches("^[0-9a-f]{64}$", extractor.ModelSha256);
    }

    [Fact]
    public void Given_an_output_of_shape_N_D_1_1_when_it_is_chosen_by_name_then_its_features_are_squeezed_to_N_D()
    {
        using var first = Open("tiny-inception.onnx");
        using var named = Open("tiny-inception.onnx", new OnnxFeatureExtractorOptions { OutputName = "pool3_4d" });
        using var images = Images(2, 3, seed: 3);

        using var expected = first.Extract(images);
        using var squeezed = named.Extract(images);

        Assert.Equal([2L, 8L], squeezed.shape);
        Assert.True(allclose(expected, squeezed, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Given_more_images_than_a_batch_when_features_are_extracted_then_batching_changes_nothing()
    {
        using var whole = Open("tiny-inception.onnx");
        using var batched = Open("tiny-inception.onnx", new OnnxFeatureExtractorOptions { BatchSize = 2 });
        using var images = Images(5, 3, seed: 4);

        using var expected = whole.Extract(images);
        using var actual = batched.Extract(images);

        Assert.Equal([5L, 8L], actual.shape);
        Assert.True(allclose(expected, actual, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Given_a_model_exported_with_a_fixed_batch_when_the_count_is_not_a_multiple_then_the_last_batch_is_padded_and_cut()
    {
        using var fixedBatch = Open("tiny-batch-of-4.onnx", new OnnxFeatureExtractorOptions { BatchSize = 50 });
        using var images = Images(5, 3, seed: 7);

        using var features = fixedBatch.Extract(images);

        AssertFeatures(images, features, 299, OnnxInputNormalization.ZeroToOne);
    }

    [Fact]
    public void Given_a_model_without_a_fixed_input_size_when_a_size_is_requested_then_images_are_resized_to_it()
    {
        using var sized = Open("tiny-any-size.onnx", new OnnxFeatureExtractorOptions { InputSize = 64 });
        using var unsized = Open("tiny-any-size.onnx");
        using var images = Images(2, 3, seed: 5);

        using var features = sized.Extract(images);

        Assert.Equal((64, 64), (sized.InputHeight, sized.InputWidth));
        Assert.Equal((299, 299), (unsized.InputHeight, unsized.InputWidth));
        AssertFeatures(images, features, 64, OnnxInputNormalization.ZeroToOne);
    }

    [Fact]
    public void Given_a_set_when_its_FID_is_computed_on_ONNX_features_then_it_is_zero_against_itself_and_the_mean_shift_against_a_shifted_copy()
    {
        using var extractor = Open("tiny-inception.onnx");
        using var images = Images(24, 3, seed: 6);
        using var shiftedImages = images + 0.2;

        using var features = extractor.Extract(images);
        using var shiftedFeatures = extractor.Extract(shiftedImages);
        double itself = FrechetDistance.Compute(features, features);
        double shifted = FrechetDistance.Compute(features, shiftedFeatures);

        // +0.2 in [−1, 1] is +0.1 on every [0, 1] pixel, which bilinear resizing keeps; the covariance is
        // unchanged, so d² = ‖0.1 · Σᵢ Wᵢ‖² exactly: 0.01 · 13.8125.
        double expected = 0.01 * TinyInceptionReference.ColumnSums().Sum(s => s * s);
        Assert.Equal(0.138125, expected, 1e-12);
        Assert.InRange(itself, 0, 1e-6);
        Assert.Equal(expected, shifted, 1e-4);
    }
}
