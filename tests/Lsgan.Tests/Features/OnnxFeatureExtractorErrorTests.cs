using Lsgan.Features;
using static TorchSharp.torch;

namespace Lsgan.Tests.Features;

/// <summary>
/// What a user sees when the ONNX feature model does not fit: one <see cref="LsganException"/> naming the
/// file and the problem. The wrong-interface models come from tools/make-test-onnx-model.py.
/// </summary>
public class OnnxFeatureExtractorErrorTests
{
    private static string Model(string name) => Path.Combine(AppContext.BaseDirectory, "Features", "OnnxModels", name);

    private static LsganException Refused(string path, OnnxFeatureExtractorOptions? options = null) =>
        Assert.Throws<LsganException>(() => new OnnxFeatureExtractor(path, options).Dispose());

    [Fact]
    public void Given_a_path_with_no_file_when_the_model_is_loaded_then_it_is_refused_by_name()
    {
        using var dir = new TempDirectory();

        var error = Refused(dir.Combine("inception.onnx"));

        Assert.Contains("inception.onnx' does not exist", error.Message);
    }

    [Fact]
    public void Given_a_file_that_is_not_ONNX_when_the_model_is_loaded_then_it_is_refused_as_unloadable()
    {
        using var dir = new TempDirectory();
        string path = dir.File("inception.onnx");
        File.WriteAllText(path, "not a protobuf");

        var error = Refused(path);

        Assert.StartsWith($"Cannot load the feature model '{path}' as ONNX", error.Message);
    }

    [Fact]
    public void Given_a_model_taking_one_channel_images_when_it_is_loaded_then_its_input_is_refused()
    {
        var error = Refused(Model("wrong-channels.onnx"));

        Assert.Contains("takes 'images' as float [?, 1, 28, 28], not float images [N, 3, H, W]", error.Message);
    }

    [Fact]
    public void Given_a_model_giving_images_when_it_is_loaded_then_its_output_is_refused()
    {
        var error = Refused(Model("wrong-output.onnx"));

        Assert.Contains("gives 'pool3' as float [?, 3, 299, 299], not float features [N, D] or [N, D, 1, 1]", error.Message);
    }

    [Fact]
    public void Given_an_output_name_the_model_lacks_when_it_is_loaded_then_the_real_outputs_are_listed()
    {
        var error = Refused(Model("tiny-inception.onnx"), new OnnxFeatureExtractorOptions { OutputName = "logits" });

        Assert.Contains("has no output 'logits'; its outputs are 'pool3', 'pool3_4d'", error.Message);
    }

    [Fact]
    public void Given_a_model_with_a_fixed_size_when_another_size_is_requested_then_it_is_refused()
    {
        var error = Refused(Model("tiny-inception.onnx"), new OnnxFeatureExtractorOptions { InputSize = 64 });

        Assert.Contains("takes 299x299 images, so it cannot be fed 64x64 ones", error.Message);
    }

    [Fact]
    public void Given_impossible_options_when_the_model_is_loaded_then_every_problem_is_named_at_once()
    {
        var error = Refused(Model("tiny-inception.onnx"), new OnnxFeatureExtractorOptions { BatchSize = 0, InputSize = -1 });

        Assert.Contains("batch size must be at least 1", error.Message);
        Assert.Contains("input size must be at least 1", error.Message);
    }

    [Fact]
    public void Given_an_unknown_normalization_name_when_it_is_parsed_then_the_known_ones_are_listed()
    {
        var error = Assert.Throws<LsganException>(() => OnnxInputNormalization.Parse("inception"));

        Assert.Equal("Unknown feature normalization 'inception'; use one of zero-to-one, minus-one-to-one, imagenet.", error.Message);
    }

    [Fact]
    public void Given_a_tensor_that_is_not_a_batch_of_images_when_features_are_extracted_then_it_is_refused()
    {
        using var extractor = new OnnxFeatureExtractor(Model("tiny-inception.onnx"), new OnnxFeatureExtractorOptions { Threads = 1 });
        using var twoChannels = zeros(2, 2, 28, 28);

        var error = Assert.Throws<LsganException>(() => extractor.Extract(twoChannels).Dispose());

        Assert.Contains("[N, 1 or 3, H, W], not a tensor of shape [2, 2, 28, 28]", error.Message);
    }
}
