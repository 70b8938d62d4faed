using Lsgan.Features;
using static TorchSharp.torch;

namespace Lsgan.Tests.Features;

public sealed class ClassifierWeightsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("lsgan-weights-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Given_saved_weights_when_loaded_with_their_hash_then_the_classifier_gives_identical_outputs()
    {
        var path = Path.Combine(directory, "classifier.bin");
        using var original = new FeatureClassifier(new FeatureClassifierConfig(Width: 4, FeatureDimension: 12, ClassCount: 3));
        original.eval();
        using var scope = NewDisposeScope();
        var images = rand(3, 1, 28, 28) * 2 - 1;

        var hash = ClassifierWeights.Save(original, path);
        using var loaded = ClassifierWeights.Load(path, hash.ToUpperInvariant());

        Assert.Equal(original.Config, loaded.Config);
        Assert.Equal(original.forward(images).data<float>().ToArray(), loaded.forward(images).data<float>().ToArray());
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Given_an_expected_hash_that_differs_when_loading_then_it_throws_a_clear_error()
    {
        var path = Path.Combine(directory, "classifier.bin");
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig(Width: 4));
        ClassifierWeights.Save(classifier, path);

        var error = Assert.Throws<LsganException>(() => ClassifierWeights.Load(path, new string('0', 64)));

        Assert.Contains("instead of the expected " + new string('0', 64), error.Message);
    }

    [Fact]
    public void Given_one_changed_byte_when_loading_with_the_original_hash_then_it_throws_a_clear_error()
    {
        var path = Path.Combine(directory, "classifier.bin");
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig(Width: 4));
        var hash = ClassifierWeights.Save(classifier, path);
        var bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<LsganException>(() => ClassifierWeights.Load(path, hash));

        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public void Given_a_file_of_another_kind_with_its_true_hash_when_loading_then_it_throws_a_clear_error()
    {
        var path = Path.Combine(directory, "notes.txt");
        File.WriteAllText(path, "these are not weights");

        var error = Assert.Throws<LsganException>(() => ClassifierWeights.Load(path, ClassifierWeights.ComputeSha256(path)));

        Assert.Contains("not a classifier weights file", error.Message);
    }

    [Fact]
    public void Given_a_malformed_expected_hash_when_loading_then_it_throws_a_clear_error()
    {
        var error = Assert.Throws<LsganException>(() => ClassifierWeights.Load(Path.Combine(directory, "x.bin"), "abc"));

        Assert.Contains("64 hex digits", error.Message);
    }

    [Fact]
    public void Given_a_missing_file_when_loading_then_it_throws_a_clear_error()
    {
        var error = Assert.Throws<LsganException>(() => ClassifierWeights.Load(Path.Combine(directory, "absent.bin"), new string('a', 64)));

        Assert.Contains("does not exist", error.Message);
    }
}
