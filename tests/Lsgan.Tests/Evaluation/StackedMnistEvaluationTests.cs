using Lsgan.Data;
using Lsgan.Evaluation;
using Lsgan.Features;
using static TorchSharp.torch;

namespace Lsgan.Tests.Evaluation;

public sealed class StackedMnistEvaluationTests
{
    [Fact]
    public void Given_every_mode_equally_often_when_scored_then_all_1000_are_covered_and_the_kl_is_zero()
    {
        int[] modes = [.. Enumerable.Range(0, 26_000).Select(i => i % 1000)];

        var report = StackedMnistEvaluation.Score(modes);

        Assert.Equal((1000, 1000, 26_000L), (report.ModesCovered, report.ModeCount, report.Samples));
        Assert.InRange(report.Kl, -1e-12, 1e-12);
    }

    [Fact]
    public void Given_all_samples_in_one_mode_when_scored_then_one_mode_is_covered_and_the_kl_is_ln_1000()
    {
        int[] modes = [.. Enumerable.Repeat(417, 26_000)];

        var report = StackedMnistEvaluation.Score(modes);

        Assert.Equal(1, report.ModesCovered);
        Assert.InRange(report.Kl, Math.Log(1000) - 1e-12, Math.Log(1000) + 1e-12);
    }

    [Fact]
    public void Given_half_the_samples_on_one_mode_and_half_on_another_when_scored_then_the_kl_is_ln_500()
    {
        // p = (1/2, 1/2) on two modes: KL = 2 · ½ · ln(½ · 1000) = ln 500, by hand.
        int[] modes = [.. Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? 12 : 987)];

        var report = StackedMnistEvaluation.Score(modes);

        Assert.Equal(2, report.ModesCovered);
        Assert.InRange(report.Kl, Math.Log(500) - 1e-12, Math.Log(500) + 1e-12);
    }

    [Fact]
    public void Given_real_stacks_of_mnist_test_digits_when_the_shipped_classifier_scores_them_then_nearly_all_modes_are_covered_and_it_reads_each_channel_as_well_as_mnist()
    {
        using var real = StackedMnist.Load(DatasetSplit.Test, RealDatasets.Fetcher(), 10_000, seed: 1);
        using var classifier = ShippedClassifiers.For("mnist").Load();

        var floor = StackedMnistEvaluation.Floor(classifier, real);

        // 10,000 uniform draws of 1,000 modes miss each with probability e^−10: all are covered, bar a misread few.
        Assert.InRange(floor.Report.ModesCovered, 998, 1000);
        // A multinomial sample's KL from uniform is about (K − 1) / 2N = 0.05; misreads add little.
        Assert.InRange(floor.Report.Kl, 0.03, 0.08);
        // The classifier's MNIST test accuracy is 99.51 %; a channel of a stack holds a plain test digit.
        Assert.All(floor.ChannelAccuracy, accuracy => Assert.InRange(accuracy, 0.990, 0.999));
        Assert.InRange(floor.TripleAccuracy, 0.975, 0.995);
    }

    [Fact]
    public void Given_stacks_whose_channels_are_permuted_when_read_then_the_digits_follow_the_channels()
    {
        using var real = StackedMnist.Load(DatasetSplit.Test, RealDatasets.Fetcher(), 200, seed: 2);
        using var classifier = ShippedClassifiers.For("mnist").Load();
        using var reversed = real.Images.flip(1);

        using var straight = StackedMnistEvaluation.ReadDigits(classifier, real.Images);
        using var backwards = StackedMnistEvaluation.ReadDigits(classifier, reversed);

        Assert.Equal(straight.flip(1).data<long>().ToArray(), backwards.data<long>().ToArray());
        Assert.InRange(straight.eq(real.Digits).to_type(ScalarType.Float32).mean().item<float>(), 0.97f, 1.0f);
    }
}
