using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// Every metric of one generated set against one real set: the distances on the feature classifier's block
/// averages and feature layer (Features.FeatureSpace), or on an ONNX model's features (Features.OnnxFeatureExtractor) when one is given; the class
/// metrics always on the classifier's logits. Serialised with snake_case keys as evaluation.json.
/// </summary>
/// <param name="Fid">Fréchet distance of the feature Gaussians (lower is better).</param>
/// <param name="Precision">Share of generated samples inside the real manifold (Kynkäänniemi et al. 2019, k = 3).</param>
/// <param name="Recall">Share of real samples inside the generated manifold.</param>
/// <param name="Density">Naeem et al. 2020, k = 5; about 1 for a set like the reals.</param>
/// <param name="Coverage">Share of real neighbourhoods holding a generated sample (Naeem et al. 2020).</param>
/// <param name="Kid">Kernel distance: unbiased MMD², cubic kernel, mean over subsets.</param>
/// <param name="KidStd">Spread of <paramref name="Kid"/> over subsets.</param>
/// <param name="ClassesCovered">Classes predicted for at least 1 % of generated samples: the mode-collapse measure.</param>
/// <param name="ClassKl">KL divergence of the predicted-class histogram from uniform (0 = balanced).</param>
/// <param name="ClassHistogram">Generated samples per predicted class.</param>
/// <param name="ClassifierScore">exp(E KL(p(y|x) ‖ p(y))), the Inception Score on our classifier (higher is better).</param>
/// <param name="ClassifierScoreStd">Spread of the classifier score over splits.</param>
/// <param name="RealCount">Real images compared.</param>
/// <param name="GeneratedCount">Generated images compared.</param>
public sealed record EvaluationReport(
    double Fid,
    double Precision,
    double Recall,
    double Density,
    double Coverage,
    double Kid,
    double KidStd,
    int ClassesCovered,
    double ClassKl,
    long[] ClassHistogram,
    double ClassifierScore,
    double ClassifierScoreStd,
    long RealCount,
    long GeneratedCount)
{
    /// <summary>
    /// Every metric from features already extracted (real features may come from a cache): the distances on
    /// <paramref name="realFeatures"/> and <paramref name="generatedFeatures"/> ([N, D], [M, D]), the class
    /// metrics on <paramref name="generatedLogits"/> ([M, <paramref name="classCount"/>]); <paramref name="seed"/>
    /// seeds KID's subsets.
    /// </summary>
    public static EvaluationReport FromFeatures(Tensor realFeatures, Tensor generatedFeatures, Tensor generatedLogits, int classCount, int seed = 0)
    {
        using var scope = NewDisposeScope();
        double fid = FrechetDistance.Compute(realFeatures, generatedFeatures);
        var (pr, dc) = NearestNeighbourMetrics.Compute(realFeatures, generatedFeatures);
        var kid = KernelInceptionDistance.Compute(realFeatures, generatedFeatures, seed: seed);
        var classes = ClassCoverage.Compute(generatedLogits.argmax(1), classCount);
        int splits = (int)Math.Min(Metrics.ClassifierScore.DefaultSplits, generatedLogits.shape[0]);
        var score = Metrics.ClassifierScore.FromLogits(generatedLogits, splits);
        return new EvaluationReport(fid, pr.Precision, pr.Recall, dc.Density, dc.Coverage, kid.Mean, kid.StandardDeviation,
            classes.ClassesCovered, classes.KlFromUniform, classes.Histogram, score.Mean, score.StandardDeviation,
            realFeatures.shape[0], generatedFeatures.shape[0]);
    }
}
