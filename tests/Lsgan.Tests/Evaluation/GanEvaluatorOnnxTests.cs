using Lsgan.Evaluation;
using Lsgan.Features;
using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Tests.Evaluation;

public class GanEvaluatorOnnxTests
{
    private static string Model(string name) => Path.Combine(AppContext.BaseDirectory, "Features", "OnnxModels", name);

    [Fact]
    public void Given_a_feature_model_when_two_sets_are_evaluated_then_distances_use_its_features_and_class_metrics_the_classifier()
    {
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig());
        using var extractor = new OnnxFeatureExtractor(Model("tiny-inception.onnx"), new OnnxFeatureExtractorOptions { Threads = 1 });
        var (real, _) = SyntheticImages.Quadrants(24, seed: 1);
        var (generated, _) = SyntheticImages.Quadrants(24, seed: 2);
        using var realImages = real;
        using var generatedImages = generated;

        var withModel = GanEvaluator.Evaluate(classifier, extractor, realImages, generatedImages, seed: 3);
        var classifierOnly = GanEvaluator.Evaluate(classifier, realImages, generatedImages, seed: 3);
        using var realFeatures = extractor.Extract(realImages);
        using var generatedFeatures = extractor.Extract(generatedImages);

        Assert.Equal(FrechetDistance.Compute(realFeatures, generatedFeatures), withModel.Fid, 1e-9);
        Assert.NotEqual(classifierOnly.Fid, withModel.Fid, 1e-6);
        Assert.Equal(classifierOnly.ClassHistogram, withModel.ClassHistogram);
        Assert.Equal(classifierOnly.ClassifierScore, withModel.ClassifierScore, 1e-9);
        Assert.Equal((24L, 24L), (withModel.RealCount, withModel.GeneratedCount));
    }
}
