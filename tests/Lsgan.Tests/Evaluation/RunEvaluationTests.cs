using System.Text.Json.Nodes;
using Lsgan.Data;
using Lsgan.Evaluation;
using Lsgan.Features;
using Lsgan.Models;
using Lsgan.Training;

namespace Lsgan.Tests.Evaluation;

/// <summary>'lsgan evaluate' from the library alone, on the real Fashion-MNIST test set and the shipped classifier.</summary>
[Trait("Category", "Integration")]
public sealed class RunEvaluationTests
{
    [Fact]
    public void Given_a_trained_run_when_evaluated_then_evaluation_json_holds_the_report_and_the_floor_and_cached_features_change_nothing()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(64);
        // The images only need the run's shape; its dataset name picks the test set and the classifier.
        var config = new TrainConfig { Dataset = "fashion-mnist", Model = new ModelConfig("mlp", LatentDim: 8), BatchSize = 32, Epochs = 1 };
        var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);
        new TrainingSession(config, run).Run(images);
        var options = new RunEvaluationOptions { Count = 200, Seed = 1 };

        var result = RunEvaluation.Evaluate(run.Path, RealDatasets.Fetcher(), options);

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Path, RunEvaluation.FileName)))!.AsObject();
        Assert.Equal(Path.Combine(run.Path, RunEvaluation.FileName), result.Path);
        Assert.Equal(result.Report.Fid, json["fid"]!.GetValue<double>());
        Assert.Equal(result.Floor.Fid, json["real_floor"]!["fid"]!.GetValue<double>());
        Assert.Equal((2L, "fashion-mnist"), (json["step"]!.GetValue<long>(), json["dataset"]!.GetValue<string>()));
        Assert.Equal(ShippedClassifiers.For("fashion-mnist").Sha256, json["classifier_sha256"]!.GetValue<string>());
        Assert.Equal((10_000L, 200L), (result.Report.RealCount, result.Report.GeneratedCount));
        Assert.Equal((10_000L, 200L), (result.Floor.RealCount, result.Floor.GeneratedCount));

        // The test set's features came from the cache (or went into it); extracting them afresh gives the same FID.
        using var classifier = ShippedClassifiers.For("fashion-mnist").Load();
        using var generator = TrainedGenerator.Load(run.Path);
        using var generated = generator.Sample(200, seed: 1);
        using var test = ImageDataset.Load("fashion-mnist", DatasetSplit.Test, RealDatasets.Fetcher());
        var direct = GanEvaluator.Evaluate(classifier, test.Images, generated, seed: 1);
        Assert.Equal(direct.Fid, result.Report.Fid, 1e-9);
        Assert.Equal(direct.ClassHistogram, result.Report.ClassHistogram);
    }
}
