using System.Diagnostics;
using Lsgan.Losses;
using Lsgan.Models;
using Lsgan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>
/// Where a training step's time goes: the phases of <see cref="GanTrainer.Step"/> written out one by one
/// (same models, loss and optimizers) with a clock between them, then each conv/linear layer's forward and
/// backward alone. libtorch's CPU ops are synchronous, so a wall clock between calls times them.
/// </summary>
public static class StepProfile
{
    public static int Run(string model, int batch, int threads, int steps)
    {
        set_num_threads(threads);
        var config = ThroughputBench.Config(model, batch);
        using var trainer = new GanTrainer(config, CPU);
        var loss = config.Loss.Create();
        var g = trainer.Models.Generator;
        var d = trainer.Models.Discriminator;
        using var real = rand(batch, 1, 28, 28) * 2 - 1;
        var phases = new Dictionary<string, double>();
        void Add(string name, long start) =>
            phases[name] = phases.GetValueOrDefault(name) + Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        for (int i = 0; i < steps + 10; i++)
        {
            if (i == 10) phases.Clear();
            using var scope = NewDisposeScope();
            long t = Stopwatch.GetTimestamp();
            var fake = g.forward(trainer.SampleLatent(batch));
            Add("G forward", t); t = Stopwatch.GetTimestamp();
            Tensor dReal, dFake;
            if (config.Model.DiscriminatorBatchNorm) (dReal, dFake) = (d.forward(real), d.forward(fake.detach()));
            else
            {
                // As GanTrainer: one pass over both batches when D has no batch norm.
                var both = d.forward(cat([real, fake.detach()], 0));
                (dReal, dFake) = (both.narrow(0, 0, batch), both.narrow(0, batch, batch));
            }
            Add("D forward real+fake", t); t = Stopwatch.GetTimestamp();
            var dLoss = loss.DiscriminatorLoss(dReal, dFake);
            foreach (var p in d.parameters()) p.grad = null;
            Add("D loss + zero_grad", t); t = Stopwatch.GetTimestamp();
            dLoss.backward();
            Add("D backward", t); t = Stopwatch.GetTimestamp();
            trainer.DiscriminatorOptimizer.step();
            Add("D optimizer", t); t = Stopwatch.GetTimestamp();
            foreach (var p in d.parameters()) p.requires_grad = false;
            var gLoss = loss.GeneratorLoss(d.forward(fake));
            foreach (var p in g.parameters()) p.grad = null;
            Add("D forward fake (for G)", t); t = Stopwatch.GetTimestamp();
            gLoss.backward();
            Add("G backward (through D)", t); t = Stopwatch.GetTimestamp();
            trainer.GeneratorOptimizer.step();
            foreach (var p in d.parameters()) p.requires_grad = true;
            Add("G optimizer", t);
        }
        double total = phases.Values.Sum();
        Console.WriteLine();
        Console.WriteLine($"{model} batch {batch}, {threads} thread(s), {steps} steps: {total / steps:F2} ms/step ({steps * batch / total * 1000:F0} img/s)");
        foreach (var (name, ms) in phases) Console.WriteLine($"  {name,-26} {ms / steps,8:F3} ms  {ms / total,6:P1}");
        ProfileLayers(g, [batch, config.Model.LatentDim], steps);
        ProfileLayers(d, [batch, 1, 28, 28], steps);
        return 0;
    }

    /// <summary>Forward and backward (input and weight gradients) of each leaf layer alone, on the shape it sees in training mode.</summary>
    private static void ProfileLayers(nn.Module<Tensor, Tensor> network, long[] inputShape, int steps)
    {
        var shapes = new List<(string Name, nn.Module<Tensor, Tensor> Layer, long[] Shape)>();
        var removers = new List<Action>();
        foreach (var (name, child) in network.named_modules())
        {
            if (child.children().Any() || child is not nn.Module<Tensor, Tensor> layer) continue;
            removers.Add(layer.register_forward_hook((m, input, output) => { shapes.Add((name, layer, input.shape)); return output; }).remove);
        }
        using (no_grad()) using (var x = randn(inputShape)) network.forward(x).Dispose();
        foreach (var remove in removers) remove();

        foreach (var (name, layer, shape) in shapes)
        {
            double forward = 0, backward = 0;
            for (int i = 0; i < steps + 5; i++)
            {
                using var scope = NewDisposeScope();
                var x = randn(shape).requires_grad_(true);
                long t = Stopwatch.GetTimestamp();
                var y = layer.call(x);
                double f = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                var gradient = ones_like(y);
                t = Stopwatch.GetTimestamp();
                y.backward([gradient]);
                double b = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (i >= 5) { forward += f; backward += b; }
            }
            Console.WriteLine($"  {network.GetName()}.{name,-18} in [{string.Join(',', shape)}]  forward {forward / steps,7:F3} ms  backward {backward / steps,7:F3} ms");
        }
    }
}
