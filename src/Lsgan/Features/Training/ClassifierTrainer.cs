using System.Diagnostics;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Lsgan.Features.Training;

/// <summary>
/// Trains a <see cref="FeatureClassifier"/> on labelled images with AdamW and a one-cycle learning-rate
/// schedule (Smith and Topin 2019, "Super-Convergence"), which with batch norm reaches high accuracy in a
/// handful of epochs. Reports progress through <see cref="IProgress{T}"/> once per epoch.
/// </summary>
public static class ClassifierTrainer
{
    private const int MaxShift = 2;
    private const int EvaluationBatchSize = 1000;

    /// <summary>
    /// Trains a new classifier on <paramref name="trainImages"/> [N, 1, 28, 28] (float, in [−1, 1]) with
    /// <paramref name="trainLabels"/> [N] (integer classes), measuring accuracy on the test pair after
    /// every epoch. Each epoch visits ⌊N / batch⌋ full batches of a fresh shuffle, so no batch-norm step
    /// sees a tiny remainder batch. Deterministic for a given seed and thread count, provided nothing else in
    /// the process draws from torch's global generator meanwhile (it seeds the weights and dropout); the thread
    /// count is the caller's to set (torch.set_num_threads is process-wide).
    /// </summary>
    public static ClassifierTrainingResult Train(
        Tensor trainImages,
        Tensor trainLabels,
        Tensor testImages,
        Tensor testLabels,
        ClassifierTrainingOptions options,
        IProgress<ClassifierEpochReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new LsganException(string.Join(" ", errors));
        }

        var classCount = options.Model.ClassCount;
        LabelledImages.Check(trainImages, trainLabels, classCount, "training");
        LabelledImages.Check(testImages, testLabels, classCount, "test");

        manual_seed(options.Seed);
        var classifier = new FeatureClassifier(options.Model);
        try
        {
            var reports = TrainEpochs(classifier, trainImages, trainLabels, testImages, testLabels, options, progress, cancellationToken);
            return new ClassifierTrainingResult(classifier, reports);
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }

    /// <summary>Fraction of <paramref name="images"/> whose predicted class equals the label; leaves the classifier in eval mode.</summary>
    public static double Accuracy(FeatureClassifier classifier, Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        LabelledImages.Check(images, labels, classifier.Config.ClassCount, "evaluation");
        classifier.eval();
        using var noGrad = no_grad();
        long correct = 0;
        var n = images.shape[0];
        for (long start = 0; start < n; start += EvaluationBatchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(EvaluationBatchSize, n - start);
            var predictions = classifier.forward(images.narrow(0, start, length).to_type(ScalarType.Float32)).argmax(1);
            correct += predictions.eq(labels.narrow(0, start, length).to_type(ScalarType.Int64)).sum().item<long>();
        }

        return (double)correct / n;
    }

    private static List<ClassifierEpochReport> TrainEpochs(
        FeatureClassifier classifier,
        Tensor trainImages,
        Tensor trainLabels,
        Tensor testImages,
        Tensor testLabels,
        ClassifierTrainingOptions options,
        IProgress<ClassifierEpochReport>? progress,
        CancellationToken cancellationToken)
    {
        var n = trainImages.shape[0];
        var batchSize = (int)Math.Min(options.BatchSize, n);
        var steps = (int)(n / batchSize);
        using var generator = new Generator((ulong)options.Seed);
        using var optimizer = optim.AdamW(classifier.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        var schedule = optim.lr_scheduler.OneCycleLR(optimizer, options.LearningRate, epochs: options.Epochs, steps_per_epoch: steps);
        var reports = new List<ClassifierEpochReport>();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            classifier.train();
            double lossSum = 0;
            long correct = 0;
            using (var order = randperm(n, generator: generator))
            {
                for (var step = 0; step < steps; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var batch = order.narrow(0, (long)step * batchSize, batchSize);
                    var images = trainImages.index_select(0, batch).to_type(ScalarType.Float32);
                    var labels = trainLabels.index_select(0, batch).to_type(ScalarType.Int64);
                    if (options.Augment)
                    {
                        images = ImageAugmentation.RandomShift(images, MaxShift, generator);
                    }

                    optimizer.zero_grad();
                    var logits = classifier.forward(images);
                    var loss = cross_entropy(logits, labels);
                    loss.backward();
                    optimizer.step();
                    schedule.step();
                    // The loss is read every step anyway, so checking it costs nothing; training on after a NaN
                    // would only hand back a classifier whose features are NaN.
                    float stepLoss = loss.item<float>();
                    if (!float.IsFinite(stepLoss))
                    {
                        throw new LsganException($"The classifier's training loss became {stepLoss} at epoch {epoch}, step {step + 1}; lower the learning rate or check the images for NaN.");
                    }

                    lossSum += stepLoss * batchSize;
                    correct += logits.argmax(1).eq(labels).sum().item<long>();
                }
            }

            var seen = (double)steps * batchSize;
            var testAccuracy = Accuracy(classifier, testImages, testLabels);
            var report = new ClassifierEpochReport(epoch, options.Epochs, lossSum / seen, correct / seen, testAccuracy, clock.Elapsed);
            reports.Add(report);
            progress?.Report(report);
        }

        return reports;
    }
}
