using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

/// <summary>The image-side layers' form chosen by timing on this CPU, recorded in runtime.json and kept on resume.</summary>
public class ImageLayerProbeTests
{
    public ImageLayerProbeTests() => set_num_threads(1);

    private static TrainConfig Tiny(string model) => new()
    {
        Dataset = "synthetic", Model = new ModelConfig(model, LatentDim: 8), BatchSize = 8, Epochs = 2, MaxSteps = 1,
    };

    [Fact]
    public void Given_mlp_which_has_no_image_side_layers_when_probed_then_there_is_nothing_to_choose()
    {
        Assert.Null(ImageLayerProbe.Measure(Tiny("mlp"), CPU, repeats: 1));
    }

    [Fact]
    public void Given_dcgan_when_probed_then_both_forms_are_timed_and_the_faster_is_chosen()
    {
        var timing = ImageLayerProbe.Measure(Tiny("dcgan"), CPU, repeats: 2)!;

        Assert.InRange(timing.UnfoldedMs, 0.01, 10_000);
        Assert.InRange(timing.LibtorchMs, 0.01, 10_000);
        Assert.Equal(timing.UnfoldedMs <= timing.LibtorchMs, timing.Unfolded);
    }

    [Fact]
    public void Given_a_new_dcgan_run_that_chooses_by_timing_when_trained_then_runtime_json_records_the_times_and_the_form_in_force()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(32);
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, Tiny("dcgan"));

        new TrainingSession(Tiny("dcgan"), run) { Runtime = new RuntimeOptions { ChooseImageLayersByTiming = true } }.Run(images);

        var saved = run.ReadRuntime()!;
        Assert.NotNull(saved.ImageLayers);
        Assert.Equal(saved.ImageLayers.Unfolded, saved.Step.UnfoldedImageLayers);
    }

    [Fact]
    public void Given_a_run_whose_runtime_json_records_a_form_when_resumed_then_that_form_is_kept_without_timing_again()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(32);
        var runtime = new RuntimeOptions { ChooseImageLayersByTiming = true };
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, Tiny("dcgan"));
        new TrainingSession(Tiny("dcgan"), run) { Runtime = runtime }.Run(images);
        // Times no probe would measure, and libtorch's form: a resumed run that timed again would overwrite both.
        var recorded = new ImageLayerTiming(Unfolded: false, UnfoldedMs: 1234.5, LibtorchMs: 1000.25);
        var first = run.ReadRuntime()!;
        run.WriteRuntime(first with { Step = first.Step with { UnfoldedImageLayers = false }, ImageLayers = recorded });

        new TrainingSession(Tiny("dcgan") with { MaxSteps = 2 }, RunDirectory.Open(run.Path)) { Runtime = runtime }.Run(images, run.LatestCheckpoint);

        var resumed = run.ReadRuntime()!;
        Assert.Equal(recorded, resumed.ImageLayers);
        Assert.False(resumed.Step.UnfoldedImageLayers);
    }
}
