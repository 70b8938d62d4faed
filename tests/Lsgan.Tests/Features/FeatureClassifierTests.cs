using Lsgan.Features;
using static TorchSharp.torch;

namespace Lsgan.Tests.Features;

public class FeatureClassifierTests
{
    [Fact]
    public void Given_a_batch_of_images_when_forwarded_with_features_then_features_are_block_averages_and_the_feature_layer_each_of_unit_length()
    {
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig());
        classifier.eval();
        using var scope = NewDisposeScope();

        var (features, logits) = classifier.ForwardWithFeatures(rand(5, 1, 28, 28) * 2 - 1);

        // Block averages of 32, 32, 64 and 64 channels, then the 128-wide feature layer.
        Assert.Equal([5L, 32 + 32 + 64 + 64 + 128], features.shape);
        Assert.Equal([5L, 10], logits.shape);
        Assert.True(features.min().item<float>() >= 0, "every part comes after a ReLU");
        foreach (var (start, width) in new[] { (0, 32), (32, 32), (64, 64), (128, 64), (192, 128) })
        {
            var norms = features.narrow(1, start, width).norm(1);
            Assert.True(norms.allclose(ones_like(norms), rtol: 0, atol: 1e-5), $"the part at {start} should have unit length per image");
        }
    }

    [Fact]
    public void Given_a_custom_config_when_built_then_the_layers_follow_it()
    {
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig(Width: 8, FeatureDimension: 16, ClassCount: 4));
        classifier.eval();
        using var scope = NewDisposeScope();

        var (features, logits) = classifier.ForwardWithFeatures(zeros(2, 1, 28, 28));

        // Block averages of 8, 8, 16 and 16 channels, then the 16-wide feature layer.
        Assert.Equal([2L, 6 * 8 + 16], features.shape);
        Assert.Equal(6 * 8 + 16, FeatureSpace.Dimension(classifier.Config));
        Assert.Equal([2L, 4], logits.shape);
    }

    [Fact]
    public void Given_images_of_the_wrong_shape_when_forwarded_then_it_throws_a_clear_error()
    {
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig(Width: 4));
        using var images = zeros(2, 3, 32, 32);

        var error = Assert.Throws<LsganException>(() => classifier.forward(images));

        Assert.Contains("[batch, 1, 28, 28]", error.Message);
    }

    [Fact]
    public void Given_an_invalid_config_when_built_then_every_problem_is_reported_at_once()
    {
        var error = Assert.Throws<LsganException>(() => new FeatureClassifier(new FeatureClassifierConfig(Width: 0, FeatureDimension: 0, ClassCount: 1)));

        Assert.Contains("width", error.Message);
        Assert.Contains("feature dimension", error.Message);
        Assert.Contains("class count", error.Message);
    }

    [Fact]
    public void Given_many_images_when_features_are_extracted_in_small_batches_then_they_equal_one_eval_forward_pass()
    {
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig(Width: 4));
        classifier.eval();
        using var scope = NewDisposeScope();
        var images = rand(7, 1, 28, 28) * 2 - 1;
        var (expectedFeatures, expectedLogits) = classifier.ForwardWithFeatures(images);

        var (features, logits) = ClassifierFeatures.Extract(classifier, images, batchSize: 3);

        Assert.True(features.allclose(expectedFeatures, rtol: 1e-5, atol: 1e-6));
        Assert.True(logits.allclose(expectedLogits, rtol: 1e-5, atol: 1e-6));
    }
}
