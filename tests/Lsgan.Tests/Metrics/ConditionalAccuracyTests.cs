using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Tests.Metrics;

public class ConditionalAccuracyTests
{
    [Fact]
    public void Given_samples_drawn_for_three_classes_when_scored_then_each_class_and_the_whole_get_their_share_read_right()
    {
        // Class 0: 2 of 2 right; class 1: 1 of 3; class 2: none of 1 (read as 0).
        using var intended = tensor(new long[] { 0, 0, 1, 1, 1, 2 });
        using var predicted = tensor(new long[] { 0, 0, 1, 2, 0, 0 });

        var result = ConditionalAccuracy.Compute(predicted, intended, 4);

        Assert.Equal(3.0 / 6, result.Overall, 12);
        Assert.Equal(1.0, result.PerClass[0], 12);
        Assert.Equal(1.0 / 3, result.PerClass[1], 12);
        Assert.Equal(0.0, result.PerClass[2], 12);
        Assert.True(double.IsNaN(result.PerClass[3]), "a class without samples has no accuracy");
    }
}
