using System.Text.Json;
using Lsgan.Features;
using Lsgan.Tests.Data;
using SkiaSharp;
using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Cli;

/// <summary>'lsgan fid' on folders made here, with a classifier saved by the test (no dataset or shipped weights needed).</summary>
public sealed class CliFidTests : IDisposable
{
    private readonly TempDirectory dir = new();

    private string Folder(string name, int count, int seed, bool dark)
    {
        string folder = dir.Combine(name);
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            byte level = (byte)(dark ? random.Next(0, 60) : random.Next(180, 256));
            TestImages.WriteSolid(Path.Combine(folder, $"{i:D3}.png"), new SKColor(level, level, level), 28, 28);
        }
        return folder;
    }

    private string Classifier()
    {
        string path = dir.Combine("classifier.lsganfc");
        TorchSharp.torch.manual_seed(5);
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig());
        ClassifierWeights.Save(classifier, path);
        return path;
    }

    [Fact]
    public void Json_output_has_the_evaluation_keys_and_a_set_scores_closer_to_itself_than_to_a_different_set()
    {
        string classifier = Classifier();
        string bright = Folder("bright", 30, 1, dark: false), brightToo = Folder("bright2", 30, 2, dark: false), dark = Folder("dark", 30, 3, dark: true);

        var same = Run(dir.Path, "fid", bright, brightToo, "--classifier", classifier, "--json", "--threads", "1");
        var different = Run(dir.Path, "fid", bright, dark, "--classifier", classifier, "--json", "--threads", "1");

        Assert.True(same.ExitCode == 0, same.Stderr);
        Assert.True(different.ExitCode == 0, different.Stderr);
        using var sameJson = JsonDocument.Parse(same.Stdout);
        using var differentJson = JsonDocument.Parse(different.Stdout);
        foreach (string key in new[] { "fid", "precision", "recall", "density", "coverage", "kid", "classes_covered", "class_kl", "classifier_score", "real_count", "generated_count" })
            Assert.True(sameJson.RootElement.TryGetProperty(key, out _), $"missing key {key}");
        Assert.Equal(30, sameJson.RootElement.GetProperty("generated_count").GetInt32());
        Assert.True(sameJson.RootElement.GetProperty("fid").GetDouble() < differentJson.RootElement.GetProperty("fid").GetDouble());
    }

    [Fact]
    public void Given_a_named_pipe_as_the_classifier_when_fid_runs_then_it_is_a_clean_error_instead_of_a_hang()
    {
        string bright = Folder("bright", 3, 1, dark: false);
        string pipe = dir.Combine("classifier.lsganfc");
        HostileFiles.Fifo(pipe);

        string error = AssertCleanError(Run(dir.Path, "fid", bright, bright, "--classifier", pipe));

        Assert.Contains(pipe, error);
    }

    [Fact]
    public void Given_output_to_a_pipe_when_fid_runs_then_each_stage_is_a_line_and_json_output_has_none()
    {
        string classifier = Classifier();
        string bright = Folder("bright", 20, 1, dark: false), dark = Folder("dark", 20, 3, dark: true);

        var table = Run(dir.Path, "fid", bright, dark, "--classifier", classifier, "--threads", "1");
        var json = Run(dir.Path, "fid", bright, dark, "--classifier", classifier, "--threads", "1", "--json");

        Assert.True(table.ExitCode == 0, table.Stderr);
        var stages = table.Stdout.Split('\n').Where(line => line.StartsWith("fid: [", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, stages.Count);
        Assert.StartsWith($"fid: [0/3] loading {bright} (", stages[0]);
        Assert.StartsWith("fid: [2/3] features of 20 and 20 images, metrics (", stages[2]);
        Assert.StartsWith("fid: [3/3] done (", stages[3]);
        Assert.Equal("", table.Stderr);
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.DoesNotContain("fid: [", json.Stdout);
    }

    [Fact]
    public void A_missing_image_set_is_a_clean_error()
    {
        string error = AssertCleanError(Run(dir.Path, "fid", dir.Combine("nope"), dir.Combine("nope2"), "--classifier", Classifier()));

        Assert.Contains("neither a folder of images nor an IDX file", error);
    }

    public void Dispose() => dir.Dispose();
}
