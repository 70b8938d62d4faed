using static TorchSharp.torch;

namespace Lsgan.Metrics;

/// <summary>
/// How often a conditional generator draws the class it was asked for: the share of samples generated for class y
/// that a classifier reads as y, per class and over all samples.
/// </summary>
public static class ConditionalAccuracy
{
    /// <param name="predicted">The classifier's class of each sample (int64 [N]).</param>
    /// <param name="intended">The class each sample was generated for (int64 [N]).</param>
    /// <param name="classCount">Classes of the generator; a class without samples has accuracy NaN.</param>
    public static ConditionalAccuracyResult Compute(Tensor predicted, Tensor intended, int classCount)
    {
        if (predicted.shape.Length != 1 || !predicted.shape.SequenceEqual(intended.shape))
            throw new LsganException($"Predicted and intended classes must be two lists of one length, got [{string.Join(", ", predicted.shape)}] and [{string.Join(", ", intended.shape)}].");
        long[] p = predicted.to_type(ScalarType.Int64).cpu().data<long>().ToArray();
        long[] y = intended.to_type(ScalarType.Int64).cpu().data<long>().ToArray();
        var hits = new long[classCount];
        var totals = new long[classCount];
        for (int i = 0; i < y.Length; i++)
        {
            if (y[i] < 0 || y[i] >= classCount) throw new LsganException($"Intended class {y[i]} is outside 0 to {classCount - 1}.");
            totals[y[i]]++;
            if (p[i] == y[i]) hits[y[i]]++;
        }
        double overall = y.Length == 0 ? double.NaN : (double)hits.Sum() / y.Length;
        return new ConditionalAccuracyResult(overall, [.. hits.Select((h, c) => totals[c] == 0 ? double.NaN : (double)h / totals[c])]);
    }
}
