using Lsgan.Data;
using Lsgan.Evaluation;
using Lsgan.Features;
using static TorchSharp.torch;

namespace Lsgan.Tests.Evaluation;

/// <summary>The conditional accuracy --eval-every takes from the test-set evaluator's shipped classifier.</summary>
public sealed class TestSetEvaluatorConditionalTests
{
    [Fact]
    public void Given_mnist_test_digits_with_their_own_or_shifted_labels_when_scored_then_accuracy_is_the_classifiers_or_near_zero_beside_the_plain_report()
    {
        using var test = ImageDataset.Load("mnist", DatasetSplit.Test, RealDatasets.Fetcher());
        using var images = test.Images.narrow(0, 0, 500);
        using var labels = test.Labels.narrow(0, 0, 500);
        using var shifted = (labels + 1).remainder_(10);
        using var evaluator = new TestSetEvaluator(ShippedClassifiers.For("mnist").Load(), images);

        var (report, ownAccuracy) = evaluator.Evaluate(images, labels, 10);
        var own = ownAccuracy!;
        var wrong = evaluator.Evaluate(images, shifted, 10).Accuracy!;

        // The classifier's MNIST test accuracy is 99.51 %: 500 digits with their labels are read right nearly always,
        // and each digit asked for as its successor only where the classifier misreads it as exactly that.
        Assert.InRange(own.Overall, 0.98, 1.0);
        Assert.All(own.PerClass, accuracy => Assert.InRange(accuracy, 0.9, 1.0));
        Assert.InRange(wrong.Overall, 0.0, 0.01);
        // Per class and overall agree: the overall is the per-class shares weighted by each class's count.
        long[] counts = [.. Enumerable.Range(0, 10).Select(c => labels.eq(c).sum().item<long>())];
        double weighted = own.PerClass.Select((a, c) => a * counts[c]).Sum() / 500;
        Assert.InRange(own.Overall, weighted - 1e-12, weighted + 1e-12);
        // A model of other classes than the classifier's gets no accuracy.
        Assert.Null(evaluator.Evaluate(images, labels.remainder(3), 3).Accuracy);
        // The report that comes with the accuracy is the plain evaluation's, metric for metric.
        var plain = evaluator.Evaluate(images);
        Assert.Equal((plain.Fid, plain.Precision, plain.Recall, plain.ClassesCovered, plain.ClassifierScore),
            (report.Fid, report.Precision, report.Recall, report.ClassesCovered, report.ClassifierScore));
    }
}
