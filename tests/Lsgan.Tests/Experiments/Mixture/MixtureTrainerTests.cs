using Lsgan.Experiments.Mixture;
using Lsgan.Losses;
using Lsgan.Models;
using static TorchSharp.torch;

namespace Lsgan.Tests.Experiments.Mixture;

/// <summary>
/// One mixture step against a float64 reference written out here: the tanh MLPs' forward pass by hand, the
/// least-squares losses' gradients by central differences, and Adam's first step, which moves every parameter by
/// lr · g / (|g| + ε) (its bias-corrected moments are g and g² after one step).
/// </summary>
public sealed class MixtureTrainerTests
{
    private const int Batch = 5, Latent = 3, Hidden = 4;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Given_one_step_on_a_tiny_net_when_compared_with_a_float64_reference_then_D_and_G_move_as_adam_on_the_paper_losses(
        bool simultaneous)
    {
        var config = new MixtureConfig(MixtureLayout.Ring8, new LossConfig("ls", 0, 1, 1), EvalPoints: 4, Seed: 11,
            LatentDim: Latent, Hidden: Hidden, BatchSize: Batch, Simultaneous: simultaneous);
        var random = new Random(3);
        double[] real = [.. Enumerable.Range(0, Batch * 2).Select(_ => random.NextDouble() * 2 - 1)];
        double[] z = [.. Enumerable.Range(0, Batch * Latent).Select(_ => random.NextDouble() * 2 - 1)];
        using var trainer = new MixtureTrainer(config);
        var d0 = Parameters(trainer.D);
        var g0 = Parameters(trainer.G);

        double dLoss, gLoss;
        using (var scope = NewDisposeScope())
        {
            var losses = trainer.Step(tensor(real.Select(v => (float)v).ToArray(), [Batch, 2]), tensor(z.Select(v => (float)v).ToArray(), [Batch, Latent]));
            (dLoss, gLoss) = (losses.DLoss.item<float>(), losses.GLoss.item<float>());
        }
        var d1 = Parameters(trainer.D);
        var g1 = Parameters(trainer.G);

        // D: ½·mean (D(x) − 1)² + ½·mean D(G(z))², G fixed at its starting weights.
        var fake0 = Forward(g0, z, Latent);
        double DiscriminatorLoss(double[][] d) => 0.5 * Mean(Forward(d, real, 2), 1) + 0.5 * Mean(Forward(d, fake0, 2), 0);
        Assert.Equal(DiscriminatorLoss(d0), dLoss, 1e-6);
        var dGradient = CentralDifferences(d0, DiscriminatorLoss);
        AssertAdamFirstStep(d0, dGradient, config.DiscriminatorLr, d1, "D");

        // G: ½·mean (D(G(z)) − 1)² through D as it stood when G's gradient was taken: after D's update when
        // alternating, before it when simultaneous.
        var (dSeenByG, dNotSeen) = simultaneous ? (d0, d1) : (d1, d0);
        double GeneratorLoss(double[][] d, double[][] g) => 0.5 * Mean(Forward(d, Forward(g, z, Latent), 2), 1);
        // The reported G loss is the one through the D its gradient saw, not through the other.
        Assert.Equal(GeneratorLoss(dSeenByG, g0), gLoss, 1e-6);
        Assert.True(Math.Abs(GeneratorLoss(dNotSeen, g0) - gLoss) > 1e-5,
            $"G's loss {gLoss:R} is also {GeneratorLoss(dNotSeen, g0):R}: the test cannot tell the updates apart");
        var gGradient = CentralDifferences(g0, g => GeneratorLoss(dSeenByG, g));
        AssertAdamFirstStep(g0, gGradient, config.GeneratorLr, g1, "G");
    }

    [Theory]
    [InlineData("ls")]
    [InlineData("bce")]
    public void Given_the_paper_sizes_when_the_hand_written_step_and_the_autograd_step_run_from_one_seed_then_they_move_the_networks_alike(string loss)
    {
        var config = new MixtureConfig(MixtureLayout.Ring8, new LossConfig(loss), Seed: 4);
        using var hand = new MixtureTrainer(config);
        using var autograd = new MixtureTrainer(config with { Autograd = true });

        for (int step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            using var data = new Generator((ulong)(100 + step));
            var real = MixtureLayout.Ring8.Sample(config.BatchSize, data);
            var z = randn([config.BatchSize, config.LatentDim], generator: data);
            var (handD, handG) = hand.Step(real, z);
            var (autogradD, autogradG) = autograd.Step(real, z);
            Assert.Equal(autogradD.item<float>(), handD.item<float>(), 1e-5);
            Assert.Equal(autogradG.item<float>(), handG.item<float>(), 1e-5);
        }

        // Adam moves each parameter by up to ~lr per step whatever the gradient's size, so a wrong gradient shows as a
        // difference of order lr (1e-3 for G); float rounding stays far below.
        foreach (var (a, b) in Parameters(hand.G).Concat(Parameters(hand.D)).Zip(Parameters(autograd.G).Concat(Parameters(autograd.D))))
            Assert.True(a.Zip(b).Max(pair => Math.Abs(pair.First - pair.Second)) < 1e-5);
    }

    private static void AssertAdamFirstStep(double[][] before, double[][] gradient, double lr, double[][] after, string net)
    {
        for (int p = 0; p < before.Length; p++)
        {
            for (int i = 0; i < before[p].Length; i++)
            {
                double g = gradient[p][i], expected = before[p][i] - lr * g / (Math.Abs(g) + 1e-8);
                // float32 parameters near 1 round at ~6e-8; a step of the wrong sign or size is off by ~lr.
                Assert.True(Math.Abs(after[p][i] - expected) < lr * 0.01,
                    $"{net} parameter {p}[{i}]: {after[p][i]:R}, expected {expected:R} (gradient {g:G6})");
            }
        }
    }

    // weight1 [h, in], bias1, weight2 [h, h], bias2, weight3 [out, h], bias3: tanh after the first two.
    private static double[] Forward(double[][] w, double[] input, int inputs)
    {
        int n = input.Length / inputs, outputs = w[5].Length;
        var result = new double[n * outputs];
        for (int s = 0; s < n; s++)
        {
            var h1 = Layer(w[0], w[1], input.AsSpan(s * inputs, inputs), tanh: true);
            var h2 = Layer(w[2], w[3], h1, tanh: true);
            Layer(w[4], w[5], h2, tanh: false).CopyTo(result, s * outputs);
        }
        return result;
    }

    private static double[] Layer(double[] weight, double[] bias, ReadOnlySpan<double> x, bool tanh)
    {
        var y = new double[bias.Length];
        for (int o = 0; o < bias.Length; o++)
        {
            double sum = bias[o];
            for (int i = 0; i < x.Length; i++) sum += weight[o * x.Length + i] * x[i];
            y[o] = tanh ? Math.Tanh(sum) : sum;
        }
        return y;
    }

    private static double Mean(double[] outputs, double target) => outputs.Average(o => (o - target) * (o - target));

    private static double[][] CentralDifferences(double[][] at, Func<double[][], double> f)
    {
        const double h = 1e-6;
        var gradient = at.Select(p => new double[p.Length]).ToArray();
        for (int p = 0; p < at.Length; p++)
        {
            for (int i = 0; i < at[p].Length; i++)
            {
                var copy = at.Select(q => q.ToArray()).ToArray();
                copy[p][i] = at[p][i] + h;
                double up = f(copy);
                copy[p][i] = at[p][i] - h;
                gradient[p][i] = (up - f(copy)) / (2 * h);
            }
        }
        return gradient;
    }

    private static double[][] Parameters(TanhMlp net) =>
        [.. net.parameters().Select(p => p.data<float>().ToArray().Select(v => (double)v).ToArray())];
}
