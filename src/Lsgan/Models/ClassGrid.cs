using static TorchSharp.torch;

namespace Lsgan.Models;

/// <summary>
/// Labels for a conditional generator: a grid with a row per class from the same noise in every row, and labels that
/// cycle through the classes (0, 1, …, K − 1, 0, …) for samples that should hold every class equally.
/// </summary>
public static class ClassGrid
{
    /// <summary>Samples per class row in training grids.</summary>
    public const int Columns = 8;

    /// <summary>Class rows in training grids: MNIST's ten, and a readable grid for datasets of thousands of classes.</summary>
    public const int MaxRows = 10;

    /// <summary>Labels 0, 1, …, classes − 1, 0, 1, … of length <paramref name="count"/> (int64).</summary>
    public static Tensor Cycling(long count, int classes) => arange(count, dtype: ScalarType.Int64).remainder_(classes);

    /// <summary>
    /// The rows of a class grid: <paramref name="noise"/> ([C, D], one z per column) repeated for each class, and the
    /// labels (each class C times), so that row r is class <paramref name="classes"/>[r] drawn from the same z.
    /// </summary>
    public static (Tensor Noise, Tensor Labels) Layout(Tensor noise, IReadOnlyList<int> classes)
    {
        long columns = noise.shape[0];
        var labels = tensor(classes.Select(c => (long)c).ToArray()).repeat_interleave(columns);
        return (noise.repeat(classes.Count, 1), labels);
    }
}
