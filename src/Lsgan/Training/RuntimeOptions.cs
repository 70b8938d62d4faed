namespace Lsgan.Training;

/// <summary>
/// How a run is computed on this machine, as opposed to what it computes (<see cref="TrainConfig"/>): none of it
/// changes the experiment, so none of it is in config.json. A session records it in runtime.json
/// (<see cref="RuntimeRecord"/>). libtorch's thread count belongs here too, but it is process-wide, so the
/// program's entry point sets it (torch.set_num_threads) and the session only records it.
/// </summary>
public sealed record RuntimeOptions
{
    /// <summary>"cpu" (tested) or a libtorch device string such as "cuda:0".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>How a step is computed: optimisations that leave the algorithm unchanged, all on by default.</summary>
    public StepOptions Step { get; init; } = new();

    /// <summary>
    /// Time both forms of the image-side layers at the start of a new run and keep the faster
    /// (<see cref="ImageLayerProbe"/>), overriding <see cref="StepOptions.UnfoldedImageLayers"/>; a resumed run keeps
    /// the form its runtime.json records. Off by default: two fresh runs then compute bitwise alike on one machine.
    /// </summary>
    public bool ChooseImageLayersByTiming { get; init; }
}
