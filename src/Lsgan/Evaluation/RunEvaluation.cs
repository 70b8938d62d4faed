using System.Text.Json;
using Lsgan.Data;
using Lsgan.Features;
using Lsgan.IO;
using Lsgan.Metrics;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Evaluation;

/// <summary>
/// A run's evaluation, the counterpart of <see cref="TrainingSession"/>: samples the run's generator, scores the
/// samples against the dataset's test set beside the real-data floor, and writes both to evaluation.json in the
/// run directory ('lsgan evaluate').
/// </summary>
public static class RunEvaluation
{
    public const string FileName = "evaluation.json";

    /// <summary>The stages <see cref="Evaluate"/> reports: loading, sampling, scoring, the floor.</summary>
    public const int Stages = 4;

    /// <param name="run">A run directory or a checkpoint directory (see <see cref="Checkpoint.Resolve"/>).</param>
    /// <param name="fetcher">Finds the test and training images; its cache also keeps the test set's features and the floors.</param>
    /// <param name="options">Counts, seed and classifier.</param>
    /// <param name="featureModel">Computes the distances on this model's features instead of the classifier's (see <see cref="GanEvaluator"/>).</param>
    /// <param name="progress">Told as each of the <see cref="Stages"/> starts, and once more when all are done.</param>
    public static RunEvaluationResult Evaluate(
        string run, DatasetFetcher fetcher, RunEvaluationOptions? options = null, OnnxFeatureExtractor? featureModel = null,
        IProgress<WorkProgress>? progress = null)
    {
        options ??= new RunEvaluationOptions();
        void Stage(int done, string description) => progress?.Report(new WorkProgress(done, Stages, description));
        Stage(0, "loading the generator, the classifier and the test set");
        // evaluation.json goes into the run: no other lsgan process may be writing it meanwhile.
        using var runLock = DirectoryLock.Acquire(Checkpoint.RunDirectoryOf(run));
        using var generator = TrainedGenerator.Load(run);
        string dataset = generator.Config.Dataset;
        var (classifier, sha) = ClassifierWeights.LoadFileOrShipped(options.ClassifierPath, dataset);
        using var _ = classifier;

        using var test = ImageDataset.Load(dataset, DatasetSplit.Test, fetcher);
        Stage(1, $"sampling {options.Count:N0} images");
        using var sampled = generator.Sample(options.Count, options.Seed);
        // Scored as the 8-bit PNGs 'generate --singles' writes, so 'fid' on those files gives the same figures.
        using var generated = ImageFiles.QuantizeAsPng(sampled);
        // Without a feature model the test set's features depend only on the classifier: extracted once, cached
        // beside the dataset, and shared by the run's report and the floor.
        Stage(2, "features of the test set and the samples, metrics");
        using var testSet = featureModel is null ? TestSetEvaluator.Cached(fetcher, dataset, classifier, sha, test.Images, options.Seed) : null;
        var (report, accuracy) = Score(generator, classifier, featureModel, testSet, test.Images, generated, options.Seed);
        Stage(3, "the real-data floor (cached after its first computation)");
        var floor = FloorCache.Get(fetcher, dataset, classifier, sha, featureModel, testSet, options.Count, options.Seed);

        var json = EvaluationJson.Of(report);
        json["dataset"] = dataset;
        json["step"] = generator.State.Step;
        json["classifier_sha256"] = sha;
        EvaluationJson.AddFeatureModel(json, featureModel);
        json["seed"] = options.Seed;
        if (accuracy is not null)
        {
            json["conditional_accuracy"] = accuracy.Overall;
            json["conditional_accuracy_per_class"] = JsonSerializer.SerializeToNode(accuracy.PerClass, Json.Indented);
        }
        json["real_floor"] = JsonSerializer.SerializeToNode(floor, Json.Indented);
        string path = Path.Combine(Checkpoint.RunDirectoryOf(run), FileName);
        AtomicFile.WriteAllText(path, json.ToJsonString(Json.Indented));
        Stage(Stages, $"wrote {path}");
        return new RunEvaluationResult(report, floor, generator.State.Step, path) { ConditionalAccuracy = accuracy };
    }

    /// <summary>
    /// The report, and for a conditional generator how often the classifier reads each sample as the class it was
    /// drawn for (see <see cref="TrainedGenerator.Sample"/>). On the classifier's own features one classifier pass
    /// serves both; a feature model needs a pass of its own, so the classifier then reads the samples again.
    /// </summary>
    private static (EvaluationReport Report, ConditionalAccuracyResult? Accuracy) Score(TrainedGenerator generator, FeatureClassifier classifier,
        OnnxFeatureExtractor? featureModel, TestSetEvaluator? testSet, Tensor testImages, Tensor generated, int seed)
    {
        using var intended = generator.SampleLabels((int)generated.shape[0]);
        if (testSet is not null)
            return intended is null ? (testSet.Evaluate(generated), null) : testSet.Evaluate(generated, intended, generator.Classes);
        var report = GanEvaluator.Evaluate(classifier, featureModel, testImages, generated, seed);
        if (intended is null) return (report, null);
        using var scope = NewDisposeScope();
        var (_, logits) = ClassifierFeatures.Extract(classifier, generated);
        return (report, ConditionalAccuracy.Compute(logits.argmax(1), intended, generator.Classes));
    }
}
