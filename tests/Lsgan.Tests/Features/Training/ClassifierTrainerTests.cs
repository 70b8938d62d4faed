using Lsgan.Features;
using Lsgan.Features.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Features.Training;

[Collection(TorchGlobalStateCollection.Name)]
public class ClassifierTrainerTests
{
    // Single-threaded: the trainer repeats bitwise only at a fixed libtorch thread count, which is the caller's to set.
    public ClassifierTrainerTests() => set_num_threads(1);

    // Narrow: the test machine's 2 cores are shared, and 8 channels suffice for squares.
    private static readonly ClassifierTrainingOptions Quick = new()
    {
        Model = new FeatureClassifierConfig(Width: 8, FeatureDimension: 32, ClassCount: 4),
        Epochs = 2,
        BatchSize = 32,
        Seed = 5,
    };

    [Fact]
    public void Given_a_separable_synthetic_set_when_trained_for_two_epochs_then_test_accuracy_is_near_perfect()
    {
        using var scope = NewDisposeScope();
        var (trainImages, trainLabels) = SyntheticImages.Quadrants(640, seed: 1);
        var (testImages, testLabels) = SyntheticImages.Quadrants(200, seed: 2);
        var reports = new List<ClassifierEpochReport>();

        var result = ClassifierTrainer.Train(trainImages, trainLabels, testImages, testLabels, Quick, new ListProgress(reports));
        using var classifier = result.Classifier;

        Assert.InRange(result.TestAccuracy, 0.97, 1.0);
        Assert.Equal([1, 2], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(2, r.Epochs));
        Assert.Equal(result.TestAccuracy, ClassifierTrainer.Accuracy(classifier, testImages, testLabels), 1e-12);
        Assert.True(reports[1].TrainLoss < reports[0].TrainLoss, "the loss should fall from the first epoch to the second");
    }

    [Fact]
    public void Given_the_same_seed_when_trained_twice_on_one_thread_then_the_losses_are_identical()
    {
        using var scope = NewDisposeScope();
        var (images, labels) = SyntheticImages.Quadrants(128, seed: 3);
        // Augmentation on, so its random shifts must follow the seed too.
        var options = Quick with { Epochs = 1, Augment = true };

        var first = ClassifierTrainer.Train(images, labels, images, labels, options);
        using var firstClassifier = first.Classifier;
        var second = ClassifierTrainer.Train(images, labels, images, labels, options);
        using var secondClassifier = second.Classifier;

        Assert.Equal(first.Epochs[0].TrainLoss, second.Epochs[0].TrainLoss);
    }

    [Fact]
    public void Given_invalid_options_when_training_then_every_problem_is_reported_at_once()
    {
        using var scope = NewDisposeScope();
        var (images, labels) = SyntheticImages.Quadrants(8, seed: 4);
        var options = Quick with { Epochs = 0, BatchSize = 1 };

        var error = Assert.Throws<LsganException>(() => ClassifierTrainer.Train(images, labels, images, labels, options));

        Assert.Contains("epoch", error.Message);
        Assert.Contains("batch size", error.Message);
    }

    [Fact]
    public void Given_images_in_0_to_255_when_training_then_it_throws_a_clear_error()
    {
        using var scope = NewDisposeScope();
        var (images, labels) = SyntheticImages.Quadrants(8, seed: 4);

        var error = Assert.Throws<LsganException>(() => ClassifierTrainer.Train((images + 1) * 127.5, labels, images, labels, Quick));

        Assert.Contains("[−1, 1]", error.Message);
    }

    [Fact]
    public void Given_a_single_bright_pixel_when_randomly_shifted_then_it_moves_whole_pixels_within_two_and_the_rest_stays_background()
    {
        using var scope = NewDisposeScope();
        var images = full(64, 1, 28, 28, -1f);
        images[TensorIndex.Colon, 0, 14, 14] = tensor(1f);

        var shifted = ImageAugmentation.RandomShift(images, maxShift: 2, new Generator(9));

        // Nearest sampling of whole-pixel shifts: every value is still exactly −1 or 1, one bright pixel each.
        Assert.True(shifted.eq(-1f).logical_or(shifted.eq(1f)).all().item<bool>());
        Assert.Equal(Enumerable.Repeat(1L, 64), shifted.eq(1f).sum([1, 2, 3]).data<long>().ToArray());
        var positions = shifted.reshape(64, 784).argmax(1).data<long>().ToArray();
        Assert.All(positions, p => Assert.InRange(Math.Abs(p / 28 - 14), 0, 2));
        Assert.All(positions, p => Assert.InRange(Math.Abs(p % 28 - 14), 0, 2));
        Assert.True(positions.Distinct().Count() > 10, "64 random shifts should reach many of the 25 positions");
    }

    private sealed class ListProgress(List<ClassifierEpochReport> reports) : IProgress<ClassifierEpochReport>
    {
        public void Report(ClassifierEpochReport value) => reports.Add(value);
    }
}
