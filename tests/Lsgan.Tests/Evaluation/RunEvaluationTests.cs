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
        var fetcher = PrivateCache(dir);
        var run = TrainedRun(dir);
        var options = new RunEvaluationOptions { Count = 200, Seed = 1 };

        var computed = RunEvaluation.Evaluate(run.Path, fetcher, options);
        var stages = new List<WorkProgress>();
        var cached = RunEvaluation.Evaluate(run.Path, fetcher, options, progress: new ListProgress(stages));

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Path, RunEvaluation.FileName)))!.AsObject();
        Assert.Equal(Path.Combine(run.Path, RunEvaluation.FileName), computed.Path);
        Assert.Equal(computed.Report.Fid, json["fid"]!.GetValue<double>());
        Assert.Equal(computed.Floor.Fid, json["real_floor"]!["fid"]!.GetValue<double>());
        Assert.Equal((2L, "fashion-mnist"), (json["step"]!.GetValue<long>(), json["dataset"]!.GetValue<string>()));
        Assert.Equal(ShippedClassifiers.For("fashion-mnist").Sha256, json["classifier_sha256"]!.GetValue<string>());
        Assert.Equal((10_000L, 200L), (computed.Report.RealCount, computed.Report.GeneratedCount));
        Assert.Equal((10_000L, 200L), (computed.Floor.RealCount, computed.Floor.GeneratedCount));
        Assert.Equal((computed.Report.Fid, computed.Floor.Fid), (cached.Report.Fid, cached.Floor.Fid));
        // Each stage is reported as it starts, and the end once everything is written.
        Assert.Equal([0L, 1, 2, 3, 4], stages.Select(p => p.Done));
        Assert.All(stages, p => Assert.Equal(RunEvaluation.Stages, p.Total));
        Assert.Equal("sampling 200 images", stages[1].Description);

        // Features extracted afresh, without the cache, give the same figures.
        using var classifier = ShippedClassifiers.For("fashion-mnist").Load();
        using var generator = TrainedGenerator.Load(run.Path);
        using var sampled = generator.Sample(200, seed: 1);
        using var generated = ImageFiles.QuantizeAsPng(sampled);
        using var test = ImageDataset.Load("fashion-mnist", DatasetSplit.Test, fetcher);
        var direct = GanEvaluator.Evaluate(classifier, test.Images, generated, seed: 1);
        Assert.Equal(direct.Fid, computed.Report.Fid, 1e-9);
        Assert.Equal(direct.ClassHistogram, computed.Report.ClassHistogram);
    }

    [Fact]
    public void Given_a_run_when_evaluated_and_its_samples_written_as_pngs_and_scored_like_fid_then_every_figure_agrees_to_the_last_digit()
    {
        using var dir = new TempDirectory();
        var fetcher = PrivateCache(dir);
        var run = TrainedRun(dir);

        var evaluated = RunEvaluation.Evaluate(run.Path, fetcher, new RunEvaluationOptions { Count = 300, Seed = 2 });

        // What 'generate --singles' writes and 'fid' reads back.
        using var generator = TrainedGenerator.Load(run.Path);
        using var sampled = generator.Sample(300, seed: 2);
        string folder = dir.Combine("singles");
        for (int i = 0; i < sampled.shape[0]; i++)
        {
            using var image = sampled[i];
            ImageFiles.SavePng(image, Path.Combine(folder, $"{i:D6}.png"));
        }

        using var pngs = ImageFolder.Load(folder, new ImageFolderOptions(1, 28, 28));
        using var classifier = ShippedClassifiers.For("fashion-mnist").Load();
        using var test = ImageDataset.Load("fashion-mnist", DatasetSplit.Test, fetcher);
        var scored = GanEvaluator.Evaluate(classifier, test.Images, pngs.Images, seed: 2);
        Assert.True(pngs.Images.equal(ImageFiles.QuantizeAsPng(sampled)).all().item<bool>(), "the quantised samples should be the PNGs' values bit for bit");
        Assert.Equal(scored with { ClassHistogram = [] }, evaluated.Report with { ClassHistogram = [] });
        Assert.Equal(scored.ClassHistogram, evaluated.Report.ClassHistogram);
        Assert.NotEqual(evaluated.Report.Fid, GanEvaluator.Evaluate(classifier, test.Images, sampled, seed: 2).Fid);
    }

    // A two-step mlp run: the images only need the run's shape; its dataset name picks the test set and the classifier.
    private static RunDirectory TrainedRun(TempDirectory dir)
    {
        using var images = SyntheticImages.Squares(64);
        var config = new TrainConfig { Dataset = "fashion-mnist", Model = new ModelConfig("mlp", LatentDim: 8), BatchSize = 32, Epochs = 1 };
        var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);
        new TrainingSession(config, run).Run(images);
        run.Dispose(); // its lock: evaluation takes it while it writes evaluation.json
        return run;
    }

    // The evaluation caches test-set features and floors beside the dataset: here in the test's own directory,
    // which links to the shared copy of the dataset files.
    private static DatasetFetcher PrivateCache(TempDirectory dir)
    {
        var info = DatasetCatalog.Get("fashion-mnist");
        string shared = RealDatasets.Fetcher().Fetch(info);
        var fetcher = new DatasetFetcher(new DatasetFetchOptions { DataDir = dir.Combine("data"), UseDownload = false, UsePackageClients = false });
        string own = fetcher.CacheDirOf(info);
        Directory.CreateDirectory(own);
        foreach (string file in Directory.GetFiles(shared, "*-ubyte*"))
            File.CreateSymbolicLink(Path.Combine(own, Path.GetFileName(file)), file);
        return fetcher;
    }

    /// <summary>Keeps every report, on the reporting thread (System.Progress would post them to the thread pool).</summary>
    private sealed class ListProgress(List<WorkProgress> reports) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => reports.Add(value);
    }
}
