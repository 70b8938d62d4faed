namespace Lsgan.Tests.Models;

/// <summary>
/// Linear, training-mode batch norm and the models' activations in float64 by plain loops, with every gradient:
/// the reference for the layers between the convolutions (see <see cref="ConvolutionReference"/>).
/// </summary>
internal static class DenseReference
{
    /// <summary>y[n,o] = bias[o] + Σ_i weight[o,i]·x[n,i] (weight [out, in], as libtorch's Linear), and its gradients.</summary>
    public static LayerPass Linear(int batch, int inFeatures, int outFeatures, double[] x, double[] weight, double[] bias, double[] upstream)
    {
        var y = new double[batch * outFeatures];
        var dx = new double[x.Length];
        var dw = new double[weight.Length];
        var db = new double[bias.Length];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outFeatures; o++)
            {
                double sum = bias[o], g = upstream[n * outFeatures + o];
                db[o] += g;
                for (int i = 0; i < inFeatures; i++)
                {
                    sum += weight[o * inFeatures + i] * x[n * inFeatures + i];
                    dx[n * inFeatures + i] += g * weight[o * inFeatures + i];
                    dw[o * inFeatures + i] += g * x[n * inFeatures + i];
                }
                y[n * outFeatures + o] = sum;
            }
        return new LayerPass(y, dx, dw, db);
    }

    /// <summary>
    /// Batch norm in training mode over x [batch, channels, spatial] (spatial = 1 for BatchNorm1d, h·w for
    /// BatchNorm2d): each channel normalised by its batch mean and biased variance, then scaled and shifted.
    /// </summary>
    /// <remarks>
    /// With m values per channel, x̂ = (x − mean)/σ and σ = √(var + eps): ∂L/∂β = Σ g, ∂L/∂γ = Σ g·x̂, and
    /// ∂L/∂x = γ/(σ·m)·(m·g − Σ g − x̂·Σ g·x̂), the mean and variance being functions of x too.
    /// </remarks>
    public static LayerPass BatchNorm(int batch, int channels, int spatial, double[] x, double[] scale, double[] shift,
        double eps, double[] upstream)
    {
        var y = new double[x.Length];
        var dx = new double[x.Length];
        var dScale = new double[channels];
        var dShift = new double[channels];
        int m = batch * spatial;
        var at = new int[m];
        var normalised = new double[m];
        for (int c = 0; c < channels; c++)
        {
            for (int n = 0; n < batch; n++)
                for (int s = 0; s < spatial; s++)
                    at[n * spatial + s] = (n * channels + c) * spatial + s;
            double mean = 0, variance = 0;
            foreach (int i in at) mean += x[i];
            mean /= m;
            foreach (int i in at) variance += (x[i] - mean) * (x[i] - mean);
            variance /= m;
            double sigma = Math.Sqrt(variance + eps);
            for (int v = 0; v < m; v++)
            {
                normalised[v] = (x[at[v]] - mean) / sigma;
                y[at[v]] = scale[c] * normalised[v] + shift[c];
                dShift[c] += upstream[at[v]];
                dScale[c] += upstream[at[v]] * normalised[v];
            }
            for (int v = 0; v < m; v++)
                dx[at[v]] = scale[c] / (sigma * m) * (m * upstream[at[v]] - dShift[c] - normalised[v] * dScale[c]);
        }
        return new LayerPass(y, dx, dScale, dShift);
    }

    /// <summary>LeakyReLU: x for x &gt; 0, slope·x otherwise (ReLU is slope 0), and its input gradient.</summary>
    public static LayerPass LeakyReLU(double slope, double[] x, double[] upstream) =>
        Elementwise(x, upstream, v => v > 0 ? v : slope * v, (v, _) => v > 0 ? 1 : slope);

    /// <summary>tanh and its input gradient (1 − y²)·g.</summary>
    public static LayerPass Tanh(double[] x, double[] upstream) =>
        Elementwise(x, upstream, Math.Tanh, (_, y) => 1 - y * y);

    private static LayerPass Elementwise(double[] x, double[] upstream, Func<double, double> f, Func<double, double, double> derivative)
    {
        var y = new double[x.Length];
        var dx = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = f(x[i]);
            dx[i] = upstream[i] * derivative(x[i], y[i]);
        }
        return new LayerPass(y, dx, null, null);
    }
}
