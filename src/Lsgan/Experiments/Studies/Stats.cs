namespace Lsgan.Experiments.Studies;

/// <summary>Summary statistics over seeds.</summary>
public static class Stats
{
    /// <summary>The sample standard deviation (n − 1); null for fewer than 2 values.</summary>
    public static double? Std(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return null;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
