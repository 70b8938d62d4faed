using System.Diagnostics;
using Lsgan.Evaluation;
using Lsgan.Features;
using Lsgan.Models;
using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>
/// Time of what 'lsgan evaluate' computes for 10,000 samples: generating them, extracting features of
/// both sets and every metric. (Dataset loading and the cached real-data floor are left out.)
/// </summary>
public static class EvaluateBench
{
    public static double MeasureSeconds(Tensor realImages, int count = 10_000)
    {
        using var models = ModelFactory.Create(new ModelConfig("dcgan"), 0);
        models.Generator.eval();
        using var classifier = new FeatureClassifier(new FeatureClassifierConfig());
        long start = Stopwatch.GetTimestamp();
        using (var scope = NewDisposeScope())
        using (var inference = inference_mode())
        {
            var z = randn(count, 100);
            var generated = cat(z.split(500).Select(part => models.Generator.call(part)).ToList(), 0);
            GanEvaluator.Evaluate(classifier, realImages.narrow(0, 0, count), generated);
        }
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
