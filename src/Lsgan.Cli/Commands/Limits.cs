using System.Text.RegularExpressions;

namespace Lsgan.Cli.Commands;

/// <summary>
/// The largest counts and sizes the commands accept, checked while parsing so that a typo such as
/// --count 100000000 is refused at once instead of filling memory for minutes. Each is stated in --help.
/// </summary>
internal static partial class Limits
{
    /// <summary>
    /// generate keeps every image in memory as float32 and tiles them all into one grid: 100,000 images of
    /// 1x28x28 are 314 MB (941 MB with 3 channels) and a grid of about 9,500x9,500 pixels (90 MB gray, 360 MB
    /// RGBA). Ten times that no longer fits a small machine; for more images, run generate again with other seeds.
    /// </summary>
    public const int MaxGenerateCount = 100_000;

    /// <summary>
    /// evaluate holds the generated images (3 KB each as float32), their classifier features (1 KB each as
    /// float64) and as many training images for the floor: 100,000 come to about 1 GB, and Fashion-MNIST's
    /// 60,000 training images already cap the floor's subset below that.
    /// </summary>
    public const int MaxEvaluateCount = 100_000;

    /// <summary>
    /// The classifier score cuts the samples into 10 splits and density/coverage needs each sample's 5 nearest
    /// neighbours besides itself, so fewer samples fail only after the slow part; 100 is the least that means anything.
    /// </summary>
    public const int MinEvaluateCount = 100;

    /// <summary>One libtorch thread per logical core: beyond that threads only wait on each other (fid with 1,000 threads took 46 s instead of 2 s).</summary>
    public static int MaxThreads { get; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Why <paramref name="device"/> cannot be used by this build, or null when it can.</summary>
    public static string? DeviceError(string device)
    {
        if (device == "cpu") return null;
        if (!CudaDevice().IsMatch(device))
            return "it is not a device lsgan can use: give cpu or cuda:N";
        return TorchSharp.torch.cuda.is_available() ? null : "this build of lsgan has no CUDA support";
    }

    [GeneratedRegex("^cuda(:[0-9]{1,3})?$")]
    private static partial Regex CudaDevice();
}
