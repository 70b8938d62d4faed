using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// The Inception Score of Salimans et al. 2016 ("Improved Techniques for Training GANs") computed with our
/// own classifier: exp(Eₓ KL(p(y|x) ‖ p(y))), with p(y) the mean prediction over the samples. It rewards
/// confident predictions (recognisable samples) that spread over the classes (diversity). As in the
/// reference code the samples are cut into splits, scored separately, and the mean and spread reported.
/// </summary>
public static class ClassifierScore
{
    /// <summary>10 splits, as in the reference implementation and every paper that quotes "IS ± std".</summary>
    public const int DefaultSplits = 10;

    /// <summary>Scores classifier logits [N, K] (softmax is applied here, in float64).</summary>
    public static ClassifierScoreResult FromLogits(Tensor logits, int splits = DefaultSplits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        using var scope = NewDisposeScope();
        var logProbabilities = FeatureMatrix.ToFloat64(logits, "logits", minRows: 1).log_softmax(1);
        return Score(logProbabilities.exp(), splits);
    }

    private static ClassifierScoreResult Score(Tensor p, int splits)
    {
        var n = p.shape[0];
        if (splits < 1 || splits > n)
        {
            throw new LsganException($"The classifier score needs between 1 and {n} splits (one sample at least per split), but got {splits}.");
        }

        var scores = new double[splits];
        for (var s = 0; s < splits; s++)
        {
            // Split sizes differ by at most one, so no sample is dropped when N is not a multiple of splits.
            var start = s * n / splits;
            var part = p.narrow(0, start, (s + 1) * n / splits - start);
            var marginal = part.mean([0], keepdim: true);

            // 0 log 0 = 0: a class with zero probability adds nothing to the divergence.
            var terms = where(part > 0, part * (part.log() - marginal.log()), zeros_like(part));
            scores[s] = Math.Exp(terms.sum(1).mean().item<double>());
        }

        var mean = scores.Average();
        var variance = scores.Select(v => (v - mean) * (v - mean)).Average();
        return new ClassifierScoreResult(mean, Math.Sqrt(variance), splits);
    }
}
