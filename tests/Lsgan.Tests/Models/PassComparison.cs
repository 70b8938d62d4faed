namespace Lsgan.Tests.Models;

/// <summary>How far a float32 pass is from the float64 reference, part by part, relative to the reference's scale.</summary>
internal static class PassComparison
{
    /// <summary>
    /// Largest |float32 − float64| allowed, as a fraction of max(1, largest |float64| value of the same part).
    /// Measured here (Zen 3, with AVX2 and under the other ISA settings listed in ConvolutionReference.cs): at most
    /// 5.2e-6, for libtorch's one-channel ConvTranspose2d bias gradient, a sum of 2,352 values cancelling to 3.1, and
    /// 2e-6 for every other part. 1e-4 leaves room for other kernels' summation orders and still fails an error of the
    /// size of the values (~1.5 on Zen 5).
    /// </summary>
    public const double Float32Tolerance = 1e-4;

    /// <summary>One part's largest absolute difference and the reference's largest absolute value.</summary>
    public sealed record Part(string Name, double Error, double Scale)
    {
        /// <summary>Error relative to max(1, scale): below 1 an absolute error, so that tiny values need not match in every digit.</summary>
        public double Relative => Error / Math.Max(1, Scale);
        public override string ToString() => $"{Name}: max error {Error:g3} at scale {Scale:g3} ({Relative:g2})";
    }

    /// <summary>Every part the reference has; a part the reference has but <paramref name="actual"/> lacks is an error.</summary>
    public static IReadOnlyList<Part> Compare(LayerPass reference, LayerPass actual)
    {
        var parts = new List<Part> { Of("output", reference.Output, actual.Output) };
        if (reference.InputGradient is not null) parts.Add(Of("input gradient", reference.InputGradient, actual.InputGradient));
        if (reference.WeightGradient is not null) parts.Add(Of("weight gradient", reference.WeightGradient, actual.WeightGradient));
        if (reference.BiasGradient is not null) parts.Add(Of("bias gradient", reference.BiasGradient, actual.BiasGradient));
        return parts;
    }

    /// <summary>The parts beyond <paramref name="tolerance"/>, empty when the pass matches.</summary>
    public static IReadOnlyList<Part> Failures(IEnumerable<Part> parts, double tolerance = Float32Tolerance) =>
        parts.Where(p => !(p.Relative <= tolerance)).ToList();

    private static Part Of(string name, double[] expected, double[]? actual)
    {
        if (actual is null) return new Part(name + " (missing)", double.PositiveInfinity, 0);
        if (actual.Length != expected.Length) return new Part($"{name} ({actual.Length} values, not {expected.Length})", double.PositiveInfinity, 0);
        double error = 0, scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            // Math.Max would drop a NaN; a NaN difference must count as a failure.
            double difference = Math.Abs(actual[i] - expected[i]);
            error = double.IsNaN(difference) || difference > error ? difference : error;
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        return new Part(name, error, scale);
    }
}
