using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Data;

/// <summary>
/// Stacked MNIST, the 1,000-mode benchmark of the mode-collapse literature (Metz et al.'s Unrolled GAN, VEEGAN,
/// PacGAN): each 28×28×3 image holds three MNIST digits drawn independently and uniformly at random as its R, G
/// and B channels, and its mode is the triple of digits, 100·d0 + 10·d1 + d2. The images are built from MNIST
/// (fetched and verified as usual), the same for the same split, count and seed.
/// </summary>
public sealed class StackedMnist : IImageSet
{
    /// <summary>The dataset name 'train --dataset' takes and config.json records.</summary>
    public const string Name = "stacked-mnist";

    /// <summary>Channels of every image: one digit each.</summary>
    public const int Channels = 3;

    /// <summary>Distinct modes: every triple of digits.</summary>
    public const int ModeCount = 1000;

    /// <summary>
    /// Training images: 60,000, one MNIST training set's worth, ~60 images per mode and 564 MB as float32. The
    /// papers train on 25,600 or 128,000; 60,000 keeps one epoch (937 steps at batch 64) the same length as an
    /// MNIST epoch, so a stated budget in epochs means the same number of steps on both.
    /// </summary>
    public const int DefaultTrainCount = 60_000;

    /// <summary>Seed of the training stack: fixed, so every run of the benchmark trains on the same images.</summary>
    public const long TrainSeed = 0;

    /// <summary>Generated images scored per evaluation, and real ones for the floor: 26,000, as VEEGAN and PacGAN.</summary>
    public const int EvaluationCount = 26_000;

    private StackedMnist(Tensor images, Tensor digits)
    {
        Images = images;
        Digits = digits;
    }

    /// <summary>All images, float32 [N, 3, 28, 28] in [−1, 1].</summary>
    public Tensor Images { get; }

    /// <summary>The digit in each channel, int64 [N, 3].</summary>
    public Tensor Digits { get; }

    /// <summary>The number of images.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>Each image's mode, 100·d0 + 10·d1 + d2.</summary>
    public int[] Modes() => ModesOf(Digits);

    private Tensor? labels;

    /// <summary>Stacked MNIST's labels are its modes: one of 1,000 classes per image.</summary>
    public bool HasLabels => true;

    /// <summary>Each image's mode as int64 [N] (100·d0 + 10·d1 + d2), made on first use.</summary>
    public Tensor Labels => labels ??= tensor(Modes().Select(m => (long)m).ToArray());

    /// <summary>"000" to "999": the digits of each mode.</summary>
    public IReadOnlyList<string> ClassNames { get; } = Enumerable.Range(0, ModeCount).Select(m => m.ToString("000")).ToList();

    /// <summary>
    /// <paramref name="count"/> stacked images from MNIST's <paramref name="split"/>: the test split's digits make
    /// the real-data floor, which the feature classifier (trained on the training split) has never seen.
    /// </summary>
    public static StackedMnist Load(DatasetSplit split, DatasetFetcher fetcher, int count, long seed, IProgress<string>? progress = null)
    {
        using var mnist = ImageDataset.Load(DatasetCatalog.Mnist, split, fetcher, progress);
        progress?.Report($"Stacking {count:N0} images of three {split.ToString().ToLowerInvariant()} digits (seed {seed})");
        return Stack(mnist.Images, mnist.Labels, count, seed);
    }

    /// <summary>
    /// Stacks <paramref name="count"/> triples of <paramref name="digitImages"/> ([M, 1, H, W]) with
    /// <paramref name="digitLabels"/> ([M]); each channel's digit is drawn uniformly, with replacement, from a
    /// generator seeded by <paramref name="seed"/> alone.
    /// </summary>
    public static StackedMnist Stack(Tensor digitImages, Tensor digitLabels, int count, long seed)
    {
        if (count < 1) throw new LsganException($"Stacked MNIST needs at least one image, not {count}.");
        if (digitImages.dim() != 4 || digitImages.shape[1] != 1 || digitLabels.shape[0] != digitImages.shape[0])
            throw new LsganException($"Stacked MNIST stacks single-channel digits [M, 1, H, W] with one label each, not [{string.Join(", ", digitImages.shape)}].");
        using var scope = NewDisposeScope();
        using var random = new Generator(unchecked((ulong)seed));
        var chosen = randint(0, digitImages.shape[0], [count * (long)Channels], generator: random);
        long height = digitImages.shape[2], width = digitImages.shape[3];
        var images = digitImages.index_select(0, chosen).view(count, Channels, height, width);
        var digits = digitLabels.index_select(0, chosen).view(count, Channels).to_type(ScalarType.Int64);
        return new StackedMnist(images.MoveToOuterDisposeScope(), digits.MoveToOuterDisposeScope());
    }

    /// <summary>The mode of each row of <paramref name="digits"/> ([N, 3] digits 0..9): 100·d0 + 10·d1 + d2.</summary>
    public static int[] ModesOf(Tensor digits)
    {
        using var scope = NewDisposeScope();
        var weights = tensor(new long[] { 100, 10, 1 });
        return digits.to_type(ScalarType.Int64).mul(weights).sum(1).to_type(ScalarType.Int32).data<int>().ToArray();
    }

    /// <summary>Frees the native tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Digits.Dispose();
        labels?.Dispose();
    }
}
