using Lsgan.Features;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lsgan.Tests.Features;

public class FoldedFeatureClassifierTests
{
    [Fact]
    public void Given_batch_norms_with_trained_statistics_when_folded_then_features_and_logits_equal_the_eval_forward_pass()
    {
        // Fresh batch norms are the identity (μ = 0, σ² = 1, γ = 1, β = 0), which would hide a wrong fold:
        // give them running statistics from a few training-mode passes and random affine parameters.
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig(Width: 8, FeatureDimension: 16, ClassCount: 4));
        using var scope = NewDisposeScope();
        var random = new Generator(41);
        classifier.train();
        using (no_grad())
        {
            for (var i = 0; i < 3; i++)
            {
                classifier.forward(rand(16, 1, 28, 28, generator: random) * 2 - 0.5);
            }

            foreach (var norm in classifier.modules().OfType<BatchNorm2d>())
            {
                norm.weight!.copy_(rand(norm.weight.shape, generator: random) * 2 - 0.5);
                norm.bias!.copy_(randn(norm.bias.shape, generator: random) * 0.3);
            }
        }

        classifier.eval();
        var images = rand(9, 1, 28, 28, generator: random) * 2 - 1;
        var (expectedFeatures, expectedLogits) = classifier.ForwardWithFeatures(images);

        using var folded = FoldedFeatureClassifier.From(classifier);
        var (features, logits) = folded.Forward(images);

        Assert.True(features.allclose(expectedFeatures, rtol: 1e-5, atol: 1e-6), $"max |Δ| = {(features - expectedFeatures).abs().max().item<float>()}");
        Assert.True(logits.allclose(expectedLogits, rtol: 1e-5, atol: 1e-6), $"max |Δ| = {(logits - expectedLogits).abs().max().item<float>()}");
        Assert.True(features.gt(0).any().item<bool>(), "some features should be active, or the comparison says little");
        Assert.True(images.ge(-1).all().item<bool>(), "the input must not be changed by in-place ReLUs");
    }

    [Fact]
    public void Given_odd_and_even_sizes_when_pooled_then_strided_maxima_equal_max_pool2d()
    {
        using var scope = NewDisposeScope();
        var random = new Generator(42);

        foreach (var (height, width) in new[] { (28, 28), (7, 7), (6, 9) })
        {
            var x = randn(3, 5, height, width, generator: random);

            var pooled = FoldedFeatureClassifier.MaxPool2x2(x);

            Assert.True(pooled.equal(nn.functional.max_pool2d(x, 2)).all().item<bool>(), $"{height} × {width}");
        }
    }
}
