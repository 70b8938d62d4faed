using System.Diagnostics;
using System.Runtime.InteropServices;
using Lsgan.Export;
using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Export;

public class GeneratorExportTests
{
    /// <summary>Debian's Python, whose python3-torch .ci/run installs (a python3 earlier on PATH may lack it).</summary>
    private const string DebianPython = "/usr/bin/python3";

    public GeneratorExportTests() => set_num_threads(1);

    [Theory]
    [InlineData("mlp")]
    [InlineData("dcgan")]
    public void Given_a_generator_exported_in_both_formats_when_PyTorch_builds_the_README_architecture_then_it_draws_our_images_from_the_same_z(string model)
    {
        using var dir = new TempDirectory();
        string run = TrainBriefly(dir, model);
        using var generator = TrainedGenerator.Load(run);
        string[] formats = ["safetensors", "pt"];
        var weights = formats.Select(format => dir.Combine(format, "generator" + GeneratorExport.Formats[format])).ToArray();
        foreach (var (format, path) in formats.Zip(weights))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            GeneratorExport.Write(generator, format, path);
        }
        using var z = randn([16, 8], generator: new Generator(11));
        using var ours = generator.Generate(z);
        File.WriteAllBytes(dir.Combine("z.bin"), z.contiguous().bytes.ToArray());

        RunPython([dir.Combine("z.bin"), dir.Combine("out.bin"), .. weights]);

        float[] all = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(dir.Combine("out.bin"))).ToArray();
        int n = (int)ours.numel();
        Assert.Equal(formats.Length * 3 * n, all.Length);
        float[] expected = ours.data<float>().ToArray();
        for (int f = 0; f < formats.Length; f++)
        {
            var (eval, train, rebuilt) = (all[(3 * f * n)..((3 * f + 1) * n)], all[((3 * f + 1) * n)..((3 * f + 2) * n)], all[((3 * f + 2) * n)..((3 * f + 3) * n)]);
            Assert.InRange(MaxDifference(expected, eval), 0, 1e-5);
            // The architecture rebuilt from the JSON's layer list draws the same.
            Assert.InRange(MaxDifference(expected, rebuilt), 0, 1e-5);
            // Batch statistics instead of the exported running ones give other images: eval mode is what matches.
            Assert.InRange(MaxDifference(expected, train), 1e-3, 2);
        }
        // And the images are not trivially equal: they vary across the batch.
        Assert.InRange(MaxDifference(expected[..784], expected[784..1568]), 1e-3, 2);
    }

    [Fact]
    public void Given_a_layout_that_leaves_out_a_tensor_when_the_weights_are_renamed_then_the_export_names_it()
    {
        using var generator = new ModelFactoryGenerator("mlp");
        var layers = PyTorchLayouts.For(generator.Config).Where(layer => layer.Source != "layers.bn512").ToList();

        var error = Assert.Throws<LsganException>(() => GeneratorExport.Rename(generator.StateDict, layers));

        Assert.Contains("layers.bn512.running_mean", error.Message);
    }

    [Fact]
    public void Given_the_mlp_layout_when_the_weights_are_renamed_then_they_take_the_Sequential_indices_PyTorch_uses()
    {
        using var generator = new ModelFactoryGenerator("mlp");

        var renamed = GeneratorExport.Rename(generator.StateDict, PyTorchLayouts.For(generator.Config));

        // 0 Linear, 1 LeakyReLU, 2 BatchNorm1d, 3 Linear, …, 9 Linear (output), 10 Tanh, 11 Unflatten; weights [out, in].
        Assert.Equal([256, 8], renamed["0.weight"].shape);
        Assert.Equal([256], renamed["2.running_var"].shape);
        Assert.Equal([784, 1024], renamed["9.weight"].shape);
        Assert.Equal(3 * (2 + 5) + 2, renamed.Count);
    }

    private static double MaxDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
    }

    /// <summary>Five steps on synthetic squares: the batch-norm running statistics move away from 0 and 1.</summary>
    private static string TrainBriefly(TempDirectory dir, string model)
    {
        var config = new TrainConfig
        {
            Dataset = "synthetic",
            Model = new ModelConfig(model, LatentDim: 8),
            BatchSize = 32,
            Epochs = 1,
            LogEvery = 5,
            Seed = 2,
        };
        using var images = SyntheticImages.Squares(160);
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);
        new TrainingSession(config, run).Run(images);
        return run.Path;
    }

    private static void RunPython(string[] args)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Export", "load_in_pytorch.py");
        var start = new ProcessStartInfo(DebianPython) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0,
            $"{DebianPython} {script} failed (python3-torch missing? .ci/run installs it):\n{stderr}");
    }

    /// <summary>A freshly initialised generator with latent size 8 and its state dict.</summary>
    private sealed class ModelFactoryGenerator : IDisposable
    {
        private readonly GanModels models;

        public ModelFactoryGenerator(string kind)
        {
            Config = new ModelConfig(kind, LatentDim: 8);
            models = ModelFactory.Create(Config, 0);
            StateDict = models.Generator.state_dict();
        }

        public ModelConfig Config { get; }

        public Dictionary<string, Tensor> StateDict { get; }

        public void Dispose() => models.Dispose();
    }
}
