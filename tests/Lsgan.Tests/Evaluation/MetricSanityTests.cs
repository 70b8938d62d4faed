using System.Text;
using Lsgan.Bench;
using Lsgan.Data;
using Lsgan.Features;
using Lsgan.Metrics;
using Lsgan.Models;
using Lsgan.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Lsgan.Tests.Evaluation;

/// <summary>
/// The metrics rank image sets as a person would (issue 10): real images against damaged copies, degenerate
/// sets and an early and a late checkpoint of a short real training run, on the shipped classifier.
/// </summary>
// It trains seeded runs and sets the thread count: alone, after the parallel tests.
[Collection(TorchGlobalStateCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MetricSanityTests(ITestOutputHelper output)
{
    // 1,000 images per set keep the suite to seconds per dataset while FID's ordering is already stable.
    private const int Count = 1000;

    [Theory]
    [InlineData("fashion-mnist")]
    [InlineData("mnist")]
    public void Given_damaged_and_degenerate_sets_when_scored_against_real_images_then_they_rank_behind_a_real_split_as_a_person_would(string dataset)
    {
        set_num_threads(2);
        using var scope = NewDisposeScope();
        var fetcher = RealDatasets.Fetcher();
        using var classifier = ShippedClassifiers.For(dataset).Load();
        using var test = ImageDataset.Load(dataset, DatasetSplit.Test, fetcher);
        using var train = ImageDataset.Load(dataset, DatasetSplit.Train, fetcher);
        var sets = FeatureCandidates.Sets(train.Images, train.Labels, Count);
        sets.Add(("checkpoint, 25 steps", Checkpoint(dataset, train.Images, 25)));
        sets.Add(("checkpoint, 400 steps", Checkpoint(dataset, train.Images, 400)));

        var (reference, _) = ClassifierFeatures.Extract(classifier, test.Images.narrow(0, 0, Count));
        var reports = sets.ToDictionary(s => s.Name, s =>
        {
            var (features, logits) = ClassifierFeatures.Extract(classifier, s.Images);
            return FeatureCandidates.Score(reference, features, logits);
        });
        output.WriteLine(Table(dataset, reports));

        var real = reports["real split"];
        foreach (var (name, report) in reports.Where(r => r.Key != "real split"))
        {
            Assert.True(report.Fid > real.Fid, $"{name}: FID {report.Fid:G4} should exceed the real split's {real.Fid:G4}");
            Assert.True(report.Kid > real.Kid, $"{name}: KID {report.Kid:G4} should exceed the real split's {real.Kid:G4}");
        }

        AssertWorse(reports, "blur σ=2", "blur σ=1");
        AssertWorse(reports, "noise σ=0.3", "noise σ=0.1");
        AssertWorse(reports, "checkpoint, 25 steps", "checkpoint, 400 steps");

        var noise = reports["uniform noise"];
        double worstFid = reports.Values.Max(r => r.Fid), worstKid = reports.Values.Max(r => r.Kid);
        Assert.True(noise.Fid >= 0.5 * worstFid, $"uniform noise FID {noise.Fid:G4} should be near the worst, {worstFid:G4}");
        Assert.True(noise.Kid >= 0.5 * worstKid, $"uniform noise KID {noise.Kid:G4} should be near the worst, {worstKid:G4}");
        Assert.InRange(noise.Precision, 0, 0.02);
        Assert.InRange(noise.Density, 0, 0.02);

        // One image covers nothing. One class covers about a tenth of the real neighbourhoods; its recall stays
        // above coverage on Fashion-MNIST (0.33 at 1,000 images), since k-NN balls in a set of similar garments are
        // wide enough to take in shirts, pullovers and coats too: recall is the less telling of the two.
        var oneImage = reports["one image"];
        Assert.InRange(oneImage.Recall, 0, 0.02);
        Assert.InRange(oneImage.Coverage, 0, 0.02);
        Assert.InRange(oneImage.ClassesCovered, 1, 2);
        var oneClass = reports["one class"];
        Assert.InRange(oneClass.Recall, 0, 0.4);
        Assert.InRange(oneClass.Coverage, 0, 0.2);
        Assert.InRange(oneClass.ClassesCovered, 1, 2);
    }

    private static void AssertWorse(Dictionary<string, EvaluationReport> reports, string worse, string better)
    {
        Assert.True(reports[worse].Fid > reports[better].Fid, $"FID of {worse} ({reports[worse].Fid:G4}) should exceed {better}'s ({reports[better].Fid:G4})");
        Assert.True(reports[worse].Kid > reports[better].Kid, $"KID of {worse} ({reports[worse].Kid:G4}) should exceed {better}'s ({reports[better].Kid:G4})");
    }

    // A real (short) mlp run of the given length on the dataset's first 6,400 training images, sampled with seed 0.
    private static Tensor Checkpoint(string dataset, Tensor trainImages, long steps)
    {
        using var dir = new TempDirectory();
        var config = new TrainConfig { Dataset = dataset, Model = new ModelConfig("mlp"), Epochs = 100, MaxSteps = steps, Seed = 0, LogEvery = 1000 };
        var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);
        using var images = trainImages.narrow(0, 0, 6400);
        new TrainingSession(config, run).Run(images);
        using var generator = TrainedGenerator.Load(run.Path);
        return generator.Sample(Count, seed: 0);
    }

    private static string Table(string dataset, Dictionary<string, EvaluationReport> reports)
    {
        var table = new StringBuilder($"{dataset}: {Count} test images against {Count} images of each set\n");
        table.AppendLine("| set | FID | KID×1000 | precision | recall | density | coverage | classes |");
        foreach (var (name, r) in reports)
            table.AppendLine($"| {name} | {r.Fid:G4} | {r.Kid * 1000:G4} | {r.Precision:F3} | {r.Recall:F3} | {r.Density:F3} | {r.Coverage:F3} | {r.ClassesCovered} |");
        return table.ToString();
    }
}
