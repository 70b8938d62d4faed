namespace Lsgan.Bench;

/// <summary>Median and spread of repeated measurements, and the measurements in the order they were taken.</summary>
public sealed record Stats(double Median, double Min, double Max)
{
    public IReadOnlyList<double> Values { get; private init; } = [];

    public static Stats Of(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(median, sorted[0], sorted[^1]) { Values = [.. values] };
    }
}
