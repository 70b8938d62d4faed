using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Lsgan.Features;
using Lsgan.Metrics;
using static Lsgan.Tests.Cli.CliRunner;
using static TorchSharp.torch;

namespace Lsgan.Tests.Cli;

/// <summary>'lsgan fid --feature-model' through the real executable, on IDX files and a classifier made here.</summary>
public sealed class CliOnnxFeatureTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly string model = Path.Combine(AppContext.BaseDirectory, "Features", "OnnxModels", "tiny-inception.onnx");

    public void Dispose() => dir.Dispose();

    // An IDX images file: magic 0x00000803, then count, rows and columns as big-endian int32, then the pixels.
    private string WriteIdx(string name, int count, int seed)
    {
        var pixels = new byte[count * 28 * 28];
        new Random(seed).NextBytes(pixels);
        var header = new byte[16];
        foreach (var (offset, value) in new[] { (0, 0x803), (4, count), (8, 28), (12, 28) })
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(offset), value);
        string path = dir.File(name);
        File.WriteAllBytes(path, [.. header, .. pixels]);
        return path;
    }

    private static Tensor ReadIdx(string path, int count)
    {
        using var bytes = tensor(File.ReadAllBytes(path)[16..], [count, 1, 28, 28]);
        return bytes.to(float32) / 127.5 - 1;
    }

    [Fact]
    public void Given_a_feature_model_when_fid_prints_JSON_then_its_FID_is_on_the_model_features_and_the_model_is_named_with_its_hash()
    {
        // The shipped classifier may not be trained on this branch; any saved classifier serves for the logits.
        string classifierPath = dir.Combine("classifier.lsganfc");
        using (var untrained = new FeatureClassifier(new FeatureClassifierConfig())) ClassifierWeights.Save(untrained, classifierPath);
        string reference = WriteIdx("reference-idx3-ubyte", 20, seed: 1);
        string generated = WriteIdx("generated-idx3-ubyte", 20, seed: 2);

        var result = Run(dir.Path, "fid", reference, generated, "--classifier", classifierPath,
            "--feature-model", model, "--feature-normalization", "minus-one-to-one", "--json", "--threads", "1");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonNode.Parse(result.Stdout)!.AsObject();
        using var extractor = new OnnxFeatureExtractor(model, new OnnxFeatureExtractorOptions
        {
            Normalization = OnnxInputNormalization.MinusOneToOne,
            Threads = 1,
        });
        using var referenceImages = ReadIdx(reference, 20);
        using var generatedImages = ReadIdx(generated, 20);
        using var referenceFeatures = extractor.Extract(referenceImages);
        using var generatedFeatures = extractor.Extract(generatedImages);
        Assert.Equal(FrechetDistance.Compute(referenceFeatures, generatedFeatures), json["fid"]!.GetValue<double>(), 1e-9);
        Assert.Equal(Path.GetFullPath(model), json["feature_model"]!.GetValue<string>());
        Assert.Equal(extractor.ModelSha256, json["feature_model_sha256"]!.GetValue<string>());
        Assert.Equal("pool3", json["feature_output"]!.GetValue<string>());
        Assert.Equal("minus-one-to-one", json["feature_normalization"]!.GetValue<string>());
    }

    [Fact]
    public void Given_a_missing_feature_model_when_fid_runs_then_it_fails_with_one_line_naming_the_file()
    {
        string reference = WriteIdx("reference-idx3-ubyte", 4, seed: 1);

        string error = AssertCleanError(Run(dir.Path, "fid", reference, reference, "--feature-model", dir.Combine("inception.onnx")));

        Assert.Contains("inception.onnx' does not exist", error);
    }

    [Fact]
    public void Given_a_feature_option_without_a_feature_model_when_fid_runs_then_it_is_refused()
    {
        string reference = WriteIdx("reference-idx3-ubyte", 4, seed: 1);

        string error = AssertCleanError(Run(dir.Path, "fid", reference, reference, "--feature-output", "pool3"));

        Assert.Contains("--feature-output is only used with --feature-model", error);
    }
}
