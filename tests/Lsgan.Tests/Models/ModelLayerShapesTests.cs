using Lsgan.Models;
using Lsgan.Models.Layers;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Lsgan.Tests.Models;

/// <summary>
/// Every layer of the dcgan, mlp and paper-scene models, at the shape it has in training, run by libtorch in float32 (or by our
/// unfold/fold layers where the model uses them) against the float64 reference: output and every gradient.
/// </summary>
/// <remarks>
/// libtorch picks its convolution kernels by the CPU's instruction set (see <see cref="ConvolutionReference"/>), and
/// one of them was seen wrong on AVX-512 (Zen 5) for shapes no model uses. This holds the shapes the models do use to float64, so
/// a CPU whose kernels get them wrong fails here rather than training a model wrong without a word.
/// </remarks>
public class ModelLayerShapesTests(ITestOutputHelper log)
{
    // Small keeps the plain float64 loops fast; batch norm needs more than two rows for its input gradient to be nonzero.
    private const int Batch = 3;

    // The scene model has no BatchNorm1d, and its 256-channel layers make the float64 loops slow: one image, whose
    // BatchNorm2d still normalises over its 16 or more pixels.
    private const int SceneBatch = 1;

    private sealed record TrainingLayer(string Name, nn.Module<Tensor, Tensor> Layer, long[] InputShape)
    {
        public string Key => $"{Layer.GetType().Name} {string.Join('x', InputShape)} " +
            string.Join(' ', Layer.parameters().Select(p => string.Join('x', p.shape)));
    }

    [Theory]
    [InlineData("dcgan")]
    [InlineData("mlp")]
    [InlineData("paper-scene")]
    public void Given_each_layer_of_a_model_at_its_training_shape_when_run_in_float32_then_output_and_every_gradient_match_float64(string kind)
    {
        using var scope = NewDisposeScope();
        // Grey and RGB images; dcgan both with our unfold/fold image layers (the default) and with libtorch's own in
        // their place. Layers of the same type, input and parameter shapes are checked once.
        // The scene model at 64 (the stride-1 3x3 transposed convolutions the AVX-512 fault concerns are there at 8 and 16 pixels and
        // at 64 to 3 channels) in colour, its size for LSUN; at 112 they would take the float64 loops minutes.
        var configs = kind == "paper-scene"
            ? [new ModelConfig(kind, Channels: 3, ImageSize: 64)]
            : new[] { 1, 3 }.Select(channels => new ModelConfig(kind, Channels: channels, GeneratorBatchNorm: true, DiscriminatorBatchNorm: true));
        bool[] variants = kind == "dcgan" ? [true, false] : [true];
        var built = configs.SelectMany(config => variants.Select(unfolded => (config, models: ModelFactory.Create(config, seed: 5, unfolded)))).ToList();
        try
        {
            int batch = kind == "paper-scene" ? SceneBatch : Batch;
            var layers = built.SelectMany(b => TrainingLayers(b.models, b.config, batch)).DistinctBy(l => l.Key).ToList();
            // The test's own generator: the global one is shared with tests running in parallel.
            using var random = new Generator(6);
            var failures = new List<string>();
            foreach (var layer in layers)
                // Our UnfoldedConv2d takes libtorch's plain convolution when no input gradient is wanted (D's update).
                foreach (bool inputGradient in layer.Layer is UnfoldedConv2d ? [true, false] : new[] { true })
                {
                    var parts = Check(layer, inputGradient, random);
                    log.WriteLine($"{layer.Name} {layer.Key}{(inputGradient ? "" : ", no input gradient")}:\n  {string.Join("; ", parts)}");
                    failures.AddRange(PassComparison.Failures(parts).Select(p => $"{layer.Name} ({layer.Key}): {p}"));
                }
            log.WriteLine($"{layers.Count} distinct layers");
            Assert.True(failures.Count == 0, "against float64: " + string.Join("\n", failures));
        }
        finally
        {
            foreach (var (_, models) in built) models.Dispose();
        }
    }

    private static IReadOnlyList<PassComparison.Part> Check(TrainingLayer layer, bool inputGradient, Generator random)
    {
        var x = randn(layer.InputShape, generator: random);
        long[] outputShape;
        using (no_grad()) outputShape = layer.Layer.call(x).shape;
        var upstream = randn(outputShape, generator: random);
        var parameters = layer.Layer.named_parameters(recurse: false).ToDictionary(p => p.name, p => (Tensor)p.parameter);

        var actual = LayerPass.Run(layer.Layer.call, x, inputGradient, upstream,
            parameters.GetValueOrDefault("weight"), parameters.GetValueOrDefault("bias"));
        var reference = ModelLayerReference.Run(layer.Layer, x, upstream);
        return PassComparison.Compare(inputGradient ? reference : reference with { InputGradient = null }, actual);
    }

    /// <summary>Every computing layer of both networks with the input shape it gets in one G and one D forward pass.</summary>
    private static List<TrainingLayer> TrainingLayers(GanModels models, ModelConfig config, int batch)
    {
        var seen = new List<TrainingLayer>();
        var leaves = new[] { (Net: "G", Module: models.Generator), (Net: "D", Module: models.Discriminator) }
            .SelectMany(net => net.Module.named_modules().Select(m => (Name: $"{net.Net}.{m.name}", Module: m.module)))
            .Where(m => !m.Module.children().Any() && !ModelLayerReference.OnlyReshapes(m.Module))
            .ToList();
        var hooks = leaves.Select(leaf =>
        {
            var layer = Assert.IsAssignableFrom<nn.Module<Tensor, Tensor>>(leaf.Module);
            return layer.register_forward_pre_hook((_, input) => { seen.Add(new TrainingLayer(leaf.Name, layer, input.shape)); return input; });
        }).ToList();
        models.Generator.train();
        models.Discriminator.train();
        // Only shapes are taken from this pass, so the global generator will do.
        using (no_grad()) models.Discriminator.call(models.Generator.call(randn(batch, config.LatentDim)));
        hooks.ForEach(h => h.remove());
        // Each layer was called, once (a layer called twice would have a second shape to check).
        Assert.Equal(leaves.Select(l => l.Name).Order(), seen.Select(s => s.Name).Order());
        return seen;
    }
}
