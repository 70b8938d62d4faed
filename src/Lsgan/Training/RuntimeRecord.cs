namespace Lsgan.Training;

/// <summary>runtime.json of a run: how its latest session was computed. Not part of the experiment (config.json).</summary>
/// <param name="Device">The libtorch device.</param>
/// <param name="Threads">libtorch's intra-op thread count during the session; results repeat bitwise only at the same count.</param>
/// <param name="Step">The step optimisations in force.</param>
/// <param name="ImageLayers">When the image-side layers' form was chosen by timing (<see cref="ImageLayerProbe"/>): the times and the choice, kept on resume.</param>
public sealed record RuntimeRecord(string Device, int Threads, StepOptions Step, ImageLayerTiming? ImageLayers = null);
