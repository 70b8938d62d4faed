using Lsgan.Losses;
using Lsgan.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lsgan.Training;

/// <summary>
/// One training step of a GAN: (1) update D on real and generated batches, (2) update G through D.
/// Holds the networks, their optimizers and the noise generator — everything a checkpoint must keep.
/// Callers own the dispose scope around <see cref="Step"/>.
/// </summary>
public sealed class GanTrainer : IDisposable
{
    /// <summary>Number of values in the tensor returned by <see cref="Step"/>.</summary>
    public const int StatCount = 4;

    private readonly IGanLoss loss;
    private readonly ModelConfig model;
    private readonly Device device;
    private readonly StepOptions step;
    private readonly bool jointDiscriminatorPass;

    /// <param name="config">The experiment.</param>
    /// <param name="device">Where the networks and the noise live.</param>
    /// <param name="step">How the step is computed; all optimisations on when null.</param>
    public GanTrainer(TrainConfig config, Device device, StepOptions? step = null)
    {
        config.EnsureValid();
        this.device = device;
        model = config.Model;
        this.step = step ?? new StepOptions();
        jointDiscriminatorPass = this.step.JointDiscriminatorPass && !config.Model.DiscriminatorBatchNorm;
        loss = config.Loss.Create();
        Models = ModelFactory.Create(config.Model, config.Seed, this.step.UnfoldedImageLayers);
        Models.Generator.to(device).train();
        Models.Discriminator.to(device).train();
        GeneratorOptimizer = config.Optimizer.Create(Models.Generator.parameters(), config.Optimizer.GeneratorLr, this.step.FusedAdam);
        DiscriminatorOptimizer = config.Optimizer.Create(Models.Discriminator.parameters(), config.Optimizer.DiscriminatorLr, this.step.FusedAdam);
        // Its own generator (not the global one) so that its state can be saved and restored exactly.
        Noise = new Generator(NoiseSeed(config.Seed), device);
    }

    public GanModels Models { get; }

    public OptimizerHelper GeneratorOptimizer { get; }

    public OptimizerHelper DiscriminatorOptimizer { get; }

    /// <summary>Draws every z; its state is part of the checkpoint.</summary>
    public Generator Noise { get; }

    /// <summary>Draws a batch of z from the model's latent distribution (<see cref="LatentDistribution"/>).</summary>
    public Tensor SampleLatent(long count) => LatentDistribution.Sample(model, count, Noise, device);

    /// <summary>
    /// Runs one G update preceded by one D update per real batch. Returns, detached, the stats
    /// [d_loss, g_loss, mean D(x), mean D(G(z))] of this step, without a host sync.
    /// </summary>
    /// <param name="realBatches">One real batch per D update.</param>
    /// <param name="labels">
    /// For a conditional model, the class labels of each real batch. D's real term sees each real batch with its own
    /// labels; the fake batch beside it is generated for the same labels, so fakes' labels are drawn as the data's
    /// are (as the authors' code does), and G's update uses the last of them.
    /// </param>
    public Tensor Step(IReadOnlyList<Tensor> realBatches, IReadOnlyList<Tensor>? labels = null)
    {
        var generator = Models.Generator;
        var discriminator = Models.Discriminator;
        if ((labels is not null) != model.Conditional || (labels is not null && labels.Count != realBatches.Count))
            throw new LsganException(model.Conditional
                ? $"The {model.Kind} model needs the class labels of every real batch."
                : $"The {model.Kind} model takes no class labels.");
        Tensor fake = null!, dLoss = null!, dReal = null!, dFake = null!;
        Tensor? fakeLabels = null;

        // (1) update D: real batch toward b, detached fake batch toward a
        for (int j = 0; j < realBatches.Count; j++)
        {
            var real = realBatches[j];
            fakeLabels = labels?[j];
            fake = Conditioning.Forward(generator, SampleLatent(real.shape[0]), fakeLabels);
            (dReal, dFake) = DiscriminateRealAndFake(real, fake.detach(), fakeLabels);
            dLoss = loss.DiscriminatorLoss(dReal, dFake);
            ClearGradients(DiscriminatorOptimizer, discriminator);
            dLoss.backward();
            DiscriminatorOptimizer.step();
        }

        // (2) update G: the last fake batch through the updated D, toward c
        if (step.FreezeDiscriminatorForGenerator) SetRequiresGrad(discriminator, false);
        var gLoss = loss.GeneratorLoss(Conditioning.Forward(discriminator, fake, fakeLabels));
        ClearGradients(GeneratorOptimizer, generator);
        gLoss.backward();
        GeneratorOptimizer.step();
        if (step.FreezeDiscriminatorForGenerator) SetRequiresGrad(discriminator, true);

        return stack([dLoss.detach(), gLoss.detach(), dReal.detach().mean(), dFake.detach().mean()]);
    }

    private void ClearGradients(OptimizerHelper optimizer, nn.Module module)
    {
        if (!step.ClearGradientsToNone)
        {
            optimizer.zero_grad();
            return;
        }
        foreach (var parameter in module.parameters()) parameter.grad = null;
    }

    private static void SetRequiresGrad(nn.Module module, bool value)
    {
        foreach (var parameter in module.parameters()) parameter.requires_grad = value;
    }

    /// <summary>
    /// D's outputs on a real and a generated batch. Without batch norm in D one forward over both batches
    /// concatenated computes exactly the same function as two forwards, with half the kernel launches and
    /// larger matrix products; with batch norm it would mix the two batches' statistics, so D sees them apart.
    /// </summary>
    private (Tensor Real, Tensor Fake) DiscriminateRealAndFake(Tensor real, Tensor fake, Tensor? labels)
    {
        var discriminator = Models.Discriminator;
        if (!jointDiscriminatorPass)
            return (Conditioning.Forward(discriminator, real, labels), Conditioning.Forward(discriminator, fake, labels));
        var both = Conditioning.Forward(discriminator, cat([real, fake], 0), labels is null ? null : cat([labels, labels], 0));
        long n = real.shape[0];
        return (both.narrow(0, 0, n), both.narrow(0, n, fake.shape[0]));
    }

    /// <summary>Generates images in inference mode (batch norm uses its running statistics); labels for a conditional model.</summary>
    public Tensor Generate(Tensor z, Tensor? labels = null)
    {
        var generator = Models.Generator;
        generator.eval();
        try
        {
            using var inference = inference_mode();
            return Conditioning.Forward(generator, z, labels);
        }
        finally
        {
            generator.train();
        }
    }

    private static ulong NoiseSeed(long seed) => unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 1);

    public void Dispose()
    {
        Models.Dispose();
        GeneratorOptimizer.Dispose();
        DiscriminatorOptimizer.Dispose();
        Noise.Dispose();
    }
}
