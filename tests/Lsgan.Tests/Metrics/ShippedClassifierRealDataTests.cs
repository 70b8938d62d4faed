using Lsgan.Data;
using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Tests.Metrics;

/// <summary>
/// The shipped Fashion-MNIST classifier on the real test set: its accuracy, and metrics that order
/// deliberately bad image sets as a user would expect.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ShippedClassifierRealDataTests
{
    private const int Count = 2000;

    private static readonly string CacheRoot =
        Environment.GetEnvironmentVariable(DataDirectory.EnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Path.GetTempPath(), "lsgan-test-datasets");

    [Fact]
    public void The_shipped_fashion_classifier_loads_by_hash_and_reaches_its_recorded_accuracy()
    {
        var shipped = ShippedClassifiers.For("fashion-mnist");
        using var classifier = shipped.Load();
        using var test = Load(DatasetSplit.Test);

        double accuracy = ClassifierTrainer.Accuracy(classifier, test.Images, test.Labels);

        Assert.Equal(shipped.TestAccuracy, accuracy, 1e-4);
        Assert.True(accuracy >= 0.91, $"accuracy {accuracy:P2} is below the 91 % target");
    }

    [Fact]
    public void Real_images_score_best_then_one_class_then_a_repeated_image_and_noise_and_coverage_catches_the_single_class()
    {
        using var classifier = ShippedClassifiers.For("fashion-mnist").Load();
        using var train = Load(DatasetSplit.Train);
        using var test = Load(DatasetSplit.Test);
        using var scope = NewDisposeScope();
        var reference = test.Images.narrow(0, 0, Count);
        var real = train.Images.narrow(0, 0, Count);
        var oneClass = train.Images.index_select(0, nonzero(train.Labels == 7).flatten().narrow(0, 0, Count));
        var repeated = train.Images.narrow(0, 0, 1).expand(Count, 1, 28, 28).contiguous();
        using var random = new Generator(3);
        var noise = rand([Count, 1, 28, 28], generator: random) * 2 - 1;

        var realReport = GanEvaluator.Evaluate(classifier, reference, real);
        var oneClassReport = GanEvaluator.Evaluate(classifier, reference, oneClass);
        var repeatedReport = GanEvaluator.Evaluate(classifier, reference, repeated);
        var noiseReport = GanEvaluator.Evaluate(classifier, reference, noise);

        Assert.True(realReport.Fid < oneClassReport.Fid, $"real {realReport.Fid} vs one class {oneClassReport.Fid}");
        Assert.True(oneClassReport.Fid < repeatedReport.Fid, $"one class {oneClassReport.Fid} vs repeated {repeatedReport.Fid}");
        Assert.True(oneClassReport.Fid < noiseReport.Fid, $"one class {oneClassReport.Fid} vs noise {noiseReport.Fid}");
        Assert.Equal(10, realReport.ClassesCovered);
        Assert.Equal(1, oneClassReport.ClassesCovered);
        Assert.True(oneClassReport.ClassKl > 2.0, $"KL {oneClassReport.ClassKl} should be near log 10 = 2.30");
        Assert.True(realReport.Recall > oneClassReport.Recall && realReport.Coverage > oneClassReport.Coverage);
    }

    private static ImageDataset Load(DatasetSplit split) =>
        ImageDataset.Load("fashion-mnist", split, new DatasetFetcher(new DatasetFetchOptions { DataDir = CacheRoot, UseDownload = false }));
}
