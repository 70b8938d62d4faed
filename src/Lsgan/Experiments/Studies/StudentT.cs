namespace Lsgan.Experiments.Studies;

/// <summary>Two-sided 95 % quantiles of Student's t distribution, for confidence intervals of a mean over few seeds.</summary>
public static class StudentT
{
    // t(0.975, df) for df = 1..30, from the standard tables (e.g. NIST/SEMATECH e-Handbook, Table 1.3.6.7.2).
    private static readonly double[] Table =
    [
        12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
        2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
        2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
    ];

    /// <summary>The 0.975 quantile of t with <paramref name="degreesOfFreedom"/>: the half-width of a 95 % interval in standard errors.</summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1) throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "at least 1");
        if (degreesOfFreedom <= Table.Length) return Table[degreesOfFreedom - 1];
        // Beyond the table: the Cornish–Fisher expansion around the normal quantile (error below 1e-5 for df > 30).
        const double z = 1.959964;
        double n = degreesOfFreedom;
        return z + (z * z * z + z) / (4 * n) + (5 * Math.Pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n);
    }

    /// <summary>The mean of <paramref name="values"/> and its 95 % t interval; null bounds for fewer than 2 values.</summary>
    public static (double Mean, double? Low, double? High) Interval(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        double mean = values.Average();
        if (values.Count < 2) return (mean, null, null);
        double halfWidth = Quantile975(values.Count - 1) * Stats.Std(values)!.Value / Math.Sqrt(values.Count);
        return (mean, mean - halfWidth, mean + halfWidth);
    }
}
