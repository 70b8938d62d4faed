using Lsgan.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

public class FusedAdamTests
{
    // Shapes with a vector tail (13 = 8 + 5 floats) and a single element, as well as whole vectors.
    private static readonly long[][] Shapes = [[37, 13], [64], [1], [5, 3, 4, 4]];

    private static List<Parameter> Parameters(int seed) =>
        Shapes.Select((shape, i) => new Parameter(randn(shape, generator: new Generator((ulong)(seed * 10 + i))))).ToList();

    private static void SetGradients(IEnumerable<Parameter> parameters, int step)
    {
        int i = 0;
        foreach (var p in parameters)
        {
            // Gradients of very different sizes, so that eps and the square-root path both matter.
            var g = randn(p.shape, generator: new Generator((ulong)(1000 + step * 10 + i++))) * Math.Pow(10, -(i % 4) * 2);
            if (p.grad is null) p.grad = g;
            else p.grad.copy_(g);
        }
    }

    [Fact]
    public void Ten_steps_match_TorchSharps_Adam_to_float_rounding()
    {
        var reference = Parameters(seed: 1);
        var fused = Parameters(seed: 1);
        using var referenceAdam = optim.Adam(reference, 2e-3, 0.5, 0.999);
        using var fusedAdam = new Fused.Adam(fused, 2e-3, 0.5, 0.999);
        for (int step = 0; step < 10; step++)
        {
            SetGradients(reference, step);
            SetGradients(fused, step);
            referenceAdam.step();
            fusedAdam.step();
        }
        foreach (var (r, f) in reference.Zip(fused))
        {
            // After 10 steps of lr 2e-3 each weight moved by up to ~2e-2; float rounding differences are ~1e-7.
            Assert.True(allclose(f, r, rtol: 1e-6, atol: 1e-7), $"max |fused − reference| = {(f - r).abs().max().item<float>():g}");
            Assert.False(f.equal(Parameters(seed: 1)[reference.IndexOf(r)]).all().item<bool>(), "the weights moved");
        }
    }

    [Fact]
    public void Its_state_is_Adams_so_a_state_saved_by_one_resumes_the_other()
    {
        var first = Parameters(seed: 2);
        using var fusedAdam = new Fused.Adam(first, 1e-3, 0.5, 0.999);
        for (int step = 0; step < 3; step++)
        {
            SetGradients(first, step);
            fusedAdam.step();
        }
        using var saved = new MemoryStream();
        using (var writer = new BinaryWriter(saved, System.Text.Encoding.UTF8, leaveOpen: true)) fusedAdam.save_state_dict(writer);

        // Continue both from the same weights: TorchSharp's Adam loading the fused state, and the fused one itself.
        var second = first.Select(p => new Parameter(p.detach().clone())).ToList();
        using var referenceAdam = optim.Adam(second, 1e-3, 0.5, 0.999);
        saved.Position = 0;
        using (var reader = new BinaryReader(saved)) referenceAdam.load_state_dict(reader);
        SetGradients(first, 3);
        SetGradients(second, 3);
        fusedAdam.step();
        referenceAdam.step();
        foreach (var (f, r) in first.Zip(second)) Assert.True(allclose(f, r, rtol: 1e-6, atol: 1e-7));
    }

    [Fact]
    public void Zero_grad_clears_the_gradients_in_place()
    {
        var parameters = Parameters(seed: 3);
        using var fusedAdam = new Fused.Adam(parameters, 1e-3, 0.5, 0.999);
        SetGradients(parameters, 0);
        // Handles on the gradient buffers as they were: zeroing in place clears them too, replacing them would not.
        var buffers = parameters.Select(p => p.grad!).ToList();
        fusedAdam.zero_grad();
        Assert.All(parameters, p => Assert.Equal(0, p.grad!.abs().sum().item<float>()));
        Assert.All(buffers, b => Assert.Equal(0, b.abs().sum().item<float>()));
    }
}
