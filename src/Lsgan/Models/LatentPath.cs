using static TorchSharp.torch;

namespace Lsgan.Models;

/// <summary>Paths in z between two latent vectors, for interpolation strips: straight (lerp) and along the great circle (slerp).</summary>
public static class LatentPath
{
    /// <summary>The path's kinds as 'lsgan interpolate --path' names them.</summary>
    public const string LinearName = "linear", SphericalName = "spherical";

    /// <summary>(1 − t)·from + t·to at <paramref name="steps"/> even t from 0 to 1: [steps, D].</summary>
    public static Tensor Linear(Tensor from, Tensor to, int steps) => Path(from, to, steps, spherical: false);

    /// <summary>
    /// Spherical interpolation (Shoemake 1985; White 2016 for GANs): sin((1 − t)ω)/sin ω·from + sin(tω)/sin ω·to with
    /// ω the angle between the two vectors, at <paramref name="steps"/> even t from 0 to 1: [steps, D]. Where the
    /// vectors are (anti)parallel the circle is not defined and the straight path is taken.
    /// </summary>
    public static Tensor Spherical(Tensor from, Tensor to, int steps) => Path(from, to, steps, spherical: true);

    private static Tensor Path(Tensor from, Tensor to, int steps, bool spherical)
    {
        if (steps < 2) throw new LsganException($"An interpolation path needs at least 2 steps, got {steps}.");
        double[] a = from.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        double[] b = to.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        if (a.Length != b.Length) throw new LsganException($"The two ends of a path differ in size ({a.Length} and {b.Length}).");
        double omega = spherical ? Angle(a, b) : 0, sine = Math.Sin(omega);
        bool straight = !spherical || Math.Abs(sine) < 1e-9;
        var values = new double[steps * a.Length];
        for (int s = 0; s < steps; s++)
        {
            double t = (double)s / (steps - 1);
            double wa = straight ? 1 - t : Math.Sin((1 - t) * omega) / sine, wb = straight ? t : Math.Sin(t * omega) / sine;
            for (int i = 0; i < a.Length; i++) values[s * a.Length + i] = wa * a[i] + wb * b[i];
        }
        return tensor(values, [steps, a.Length]).to_type(from.dtype);
    }

    private static double Angle(double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : Math.Acos(Math.Clamp(dot / Math.Sqrt(na * nb), -1, 1));
    }
}
