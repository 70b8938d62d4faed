using System.Runtime.InteropServices;
using Lsgan.Losses;
using Lsgan.Models;
using Lsgan.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lsgan.Experiments.Mixture;

/// <summary>
/// G, D, their optimizers and random streams for one mixture run, and its training step (both updates). Separate
/// generators for weights, data, noise and the evaluation's fixed z: changing one stream (e.g. the number of
/// evaluation points) leaves the others, and so the training, as they were.
/// </summary>
public sealed class MixtureTrainer : IDisposable
{
    private readonly MixtureConfig config;
    private readonly Generator weights, data;
    private readonly NormalSampler noise;
    private readonly OptimizerHelper generatorOptimizer, discriminatorOptimizer;
    private readonly IGanLoss loss;

    public MixtureTrainer(MixtureConfig config)
    {
        config.EnsureValid();
        this.config = config;
        weights = new Generator((ulong)config.Seed * 4 + 1);
        data = new Generator((ulong)config.Seed * 4 + 2);
        noise = new NormalSampler((ulong)config.Seed * 4 + 3);
        using var evaluationNoise = new Generator((ulong)config.Seed * 4 + 4);
        G = new TanhMlp(config.LatentDim, config.Hidden, 2, weights);
        D = new TanhMlp(2, config.Hidden, 1, weights);
        generatorOptimizer = config.Optimizer.Create(G.parameters(), config.GeneratorLr);
        discriminatorOptimizer = config.Optimizer.Create(D.parameters(), config.DiscriminatorLr);
        loss = config.Loss.Create();
        FixedZ = randn([config.EvalPoints, config.LatentDim], generator: evaluationNoise);
    }

    public TanhMlp G { get; }

    public TanhMlp D { get; }

    /// <summary>The evaluation's z, the same at every evaluation.</summary>
    public Tensor FixedZ { get; }

    /// <summary>
    /// One step on a fresh batch of real points and z: D's update and G's, alternating (D first, then G through the
    /// updated D) or simultaneous (both gradients from the same D and G before either moves, as the authors' code
    /// runs its two train ops in one session call). Returns D's and G's losses as scalars of the current dispose scope.
    /// </summary>
    public (Tensor DLoss, Tensor GLoss) Step() => Step(config.Layout.Sample(config.BatchSize, data), DrawZ());

    /// <summary>z ~ N(0, I) for one batch, from the vectorised sampler: libtorch's randn took a twentieth of the step.</summary>
    private Tensor DrawZ()
    {
        var z = empty([config.BatchSize, config.LatentDim]);
        noise.Fill(MemoryMarshal.Cast<byte, float>(z.bytes));
        return z;
    }

    /// <summary>The step on the given real points [B, 2] and z [B, latent] instead of drawn ones.</summary>
    public (Tensor DLoss, Tensor GLoss) Step(Tensor real, Tensor z)
    {
        if (!config.Simultaneous && !config.Autograd) return HandDerivedStep(real, z);
        var fake = G.call(z);
        if (config.Simultaneous)
        {
            // G's gradient first: its backward also reaches D's gradients, which D's zero_grad then clears.
            generatorOptimizer.zero_grad();
            var gLossNow = loss.GeneratorLoss(D.call(fake));
            gLossNow.backward();
            discriminatorOptimizer.zero_grad();
            var dLossNow = loss.DiscriminatorLoss(D.call(real), D.call(fake.detach()));
            dLossNow.backward();
            discriminatorOptimizer.step();
            generatorOptimizer.step();
            return (dLossNow, gLossNow);
        }

        // (1) update D: real points toward b, generated ones toward a
        discriminatorOptimizer.zero_grad();
        var dLoss = loss.DiscriminatorLoss(D.call(real), D.call(fake.detach()));
        dLoss.backward();
        discriminatorOptimizer.step();

        // (2) update G through the updated D, toward c (D's gradients from this are cleared before its next step)
        generatorOptimizer.zero_grad();
        var gLoss = loss.GeneratorLoss(D.call(fake));
        gLoss.backward();
        generatorOptimizer.step();
        return (dLoss, gLoss);
    }

    /// <summary>
    /// The alternating step with the networks' gradients from <see cref="TanhMlpPass"/> instead of autograd, starting
    /// from the losses' gradients with respect to D's outputs (<see cref="IGanLoss.DiscriminatorLossAndGradient"/>). D sees
    /// the real and generated points in one pass (it has no batch norm), and G's gradient through D leaves D's own
    /// gradients alone (they are not needed). Same arithmetic as the autograd step up to float rounding.
    /// </summary>
    private (Tensor DLoss, Tensor GLoss) HandDerivedStep(Tensor real, Tensor z)
    {
        long batch = real.shape[0];
        var generated = TanhMlpPass.Forward(G, z);
        var fake = generated.Output;

        // (1) update D: real points toward b, generated ones toward a
        var both = TanhMlpPass.Forward(D, cat([real, fake], 0));
        var (dLoss, dOutputGradient) = loss.DiscriminatorLossAndGradient(both.Output, batch);
        both.Backward(dOutputGradient, parameterGradients: true, inputGradient: false);
        discriminatorOptimizer.step();

        // (2) update G through the updated D, toward c
        var judged = TanhMlpPass.Forward(D, fake);
        var (gLoss, gOutputGradient) = loss.GeneratorLossAndGradient(judged.Output);
        var fakeGradient = judged.Backward(gOutputGradient, parameterGradients: false, inputGradient: true)!;
        generated.Backward(fakeGradient, parameterGradients: true, inputGradient: false);
        generatorOptimizer.step();
        return (dLoss, gLoss);
    }

    /// <summary>G's points for <see cref="FixedZ"/>: x0, y0, x1, y1, ….</summary>
    public float[] FixedPoints()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        return G.call(FixedZ).data<float>().ToArray();
    }

    public void Dispose()
    {
        FixedZ.Dispose();
        generatorOptimizer.Dispose();
        discriminatorOptimizer.Dispose();
        G.Dispose();
        D.Dispose();
        weights.Dispose();
        data.Dispose();
    }
}
