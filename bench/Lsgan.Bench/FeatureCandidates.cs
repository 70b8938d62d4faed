using System.Text;
using Lsgan.Data;
using Lsgan.Features;
using Lsgan.Metrics;
using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>
/// Measures candidate feature spaces of the shipped classifier on damaged image sets (issue 10): for each
/// candidate and set, FID, KID, precision, recall, density and coverage of the set against real test images.
/// Writes a markdown table; the decision about which feature space the metrics use was made from it.
/// </summary>
public static class FeatureCandidates
{
    private static readonly (string Name, Func<FeatureTaps, Tensor> Build)[] Candidates =
    [
        ("penultimate, post-ReLU (old)", t => t.Features.clone()),
        ("penultimate, pre-ReLU", t => t.PreActivation.clone()),
        ("block means + post, each unit (new)", t => cat([.. t.Blocks.Select(b => Unit(Mean(b))), Unit(t.Features)], 1)),
    ];

    public static int Run(string dataset, int count, int threads, string outputPath)
    {
        set_num_threads(threads);
        var fetcher = new DatasetFetcher(new DatasetFetchOptions());
        using var classifier = ShippedClassifiers.For(dataset).Load();
        classifier.eval();
        using var test = ImageDataset.Load(dataset, DatasetSplit.Test, fetcher);
        using var train = ImageDataset.Load(dataset, DatasetSplit.Train, fetcher);
        using var reference = test.Images.narrow(0, 0, count);
        var sets = Sets(train.Images, train.Labels, count);
        using var folded = FoldedFeatureClassifier.From(classifier);

        var realByCandidate = Extract(folded, reference).Features;
        var table = new StringBuilder();
        table.AppendLine($"`dotnet run -c Release --project bench/Lsgan.Bench -- --feature-candidates --dataset {dataset} --count {count} --threads {threads}`");
        table.AppendLine();
        table.AppendLine($"{dataset}: {count} test images against {count} images of each set (real split: training images).");
        table.AppendLine();
        table.AppendLine("| candidate | set | FID | KID×1000 (10 subsets) | precision | recall | density | coverage | classes |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (name, images) in sets)
        {
            var (features, logits) = Extract(folded, images);
            for (int c = 0; c < Candidates.Length; c++)
            {
                var report = Score(realByCandidate[c], features[c], logits);
                string line = $"| {Candidates[c].Name} | {name} | {report.Fid:G4} | {report.Kid * 1000:G4} | {report.Precision:F3} | {report.Recall:F3} | {report.Density:F3} | {report.Coverage:F3} | {report.ClassesCovered} |";
                table.AppendLine(line);
                Console.Error.WriteLine(line);
            }
            foreach (var f in features) f.Dispose();
            logits.Dispose();
        }
        File.WriteAllText(outputPath, table.ToString());
        return 0;
    }

    /// <summary>The damaged sets of issue 10, each of <paramref name="count"/> images, built from training images.</summary>
    public static List<(string Name, Tensor Images)> Sets(Tensor trainImages, Tensor trainLabels, int count)
    {
        var real = trainImages.narrow(0, 0, count);
        return
        [
            ("real split", real),
            ("blur σ=1", ImageDamage.Blur(real, 1)),
            ("blur σ=2", ImageDamage.Blur(real, 2)),
            ("noise σ=0.1", ImageDamage.AddNoise(real, 0.1, 1)),
            ("noise σ=0.3", ImageDamage.AddNoise(real, 0.3, 2)),
            ("salt and pepper 10 %", ImageDamage.SaltAndPepper(real, 0.1, 3)),
            ("uniform noise", ImageDamage.UniformNoise(count, 4)),
            ("one class", ImageDamage.OfClasses(trainImages, trainLabels, [0], count)),
            ("one image", ImageDamage.Repeated(trainImages, 0, count)),
            ("half the classes", ImageDamage.OfClasses(trainImages, trainLabels, [0, 1, 2, 3, 4], count)),
            ("shifted 3 px", ImageDamage.Shift(real, 3)),
            ("inverted", ImageDamage.Invert(real)),
        ];
    }

    private static (List<Tensor> Features, Tensor Logits) Extract(FoldedFeatureClassifier folded, Tensor images)
    {
        var perCandidate = Candidates.Select(_ => new List<Tensor>()).ToList();
        var logits = new List<Tensor>();
        using (inference_mode())
        {
            for (long start = 0; start < images.shape[0]; start += 64)
            {
                using var scope = NewDisposeScope();
                var taps = folded.ForwardTaps(images.narrow(0, start, Math.Min(64, images.shape[0] - start)).to_type(ScalarType.Float32));
                for (int c = 0; c < Candidates.Length; c++) perCandidate[c].Add(Candidates[c].Build(taps).MoveToOuterDisposeScope());
                logits.Add(taps.Logits.MoveToOuterDisposeScope());
            }
        }
        return (perCandidate.Select(parts => cat(parts, 0)).ToList(), cat(logits, 0));
    }

    /// <summary>
    /// Every metric as <see cref="EvaluationReport.FromFeatures"/> computes it, but KID over 10 subsets instead of
    /// 100: the orderings need no more, and the 100 dominated the run time.
    /// </summary>
    public static EvaluationReport Score(Tensor realFeatures, Tensor generatedFeatures, Tensor generatedLogits)
    {
        using var scope = NewDisposeScope();
        double fid = FrechetDistance.Compute(realFeatures, generatedFeatures);
        var (pr, dc) = NearestNeighbourMetrics.Compute(realFeatures, generatedFeatures);
        var kid = KernelInceptionDistance.Compute(realFeatures, generatedFeatures, subsets: 10);
        var classes = ClassCoverage.Compute(generatedLogits.argmax(1), 10);
        return new EvaluationReport(fid, pr.Precision, pr.Recall, dc.Density, dc.Coverage, kid.Mean, kid.StandardDeviation,
            classes.ClassesCovered, classes.KlFromUniform, classes.Histogram, 0, 0, realFeatures.shape[0], generatedFeatures.shape[0]);
    }

    private static Tensor Mean(Tensor block) => block.mean([2, 3]);

    private static Tensor Unit(Tensor x) => x / x.norm(1, true).clamp_min(1e-12);
}
