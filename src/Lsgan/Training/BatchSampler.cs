using static TorchSharp.torch;

namespace Lsgan.Training;

/// <summary>
/// Draws batches without replacement by a permutation per epoch, derived from the run's seed and the
/// epoch number alone, so a resumed run sees the same batches as an uninterrupted one.
/// The last incomplete batch of an epoch is dropped (as DCGAN does) so every step has the same size.
/// </summary>
public sealed class BatchSampler(long count, int batchSize, long seed)
{
    public long BatchesPerEpoch { get; } = count / batchSize;

    /// <summary>The permutation of sample indices for <paramref name="epoch"/> (0-based).</summary>
    public Tensor Permutation(int epoch, Device device)
    {
        using var random = new Generator(EpochSeed(epoch));
        return randperm(count, generator: random).to(device);
    }

    /// <summary>The indices of batch <paramref name="batch"/> within an epoch's permutation.</summary>
    public Tensor Batch(Tensor permutation, long batch) => permutation.narrow(0, batch * batchSize, batchSize);

    // SplitMix64's finaliser: nearby (seed, epoch) pairs give unrelated generator seeds.
    private ulong EpochSeed(int epoch)
    {
        ulong x = unchecked((ulong)seed * 0xBF58476D1CE4E5B9UL + (ulong)epoch + 0x9E3779B97F4A7C15UL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
