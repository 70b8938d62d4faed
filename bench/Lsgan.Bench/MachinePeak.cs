namespace Lsgan.Bench;

/// <summary>
/// The highest float32 rate measured on this machine, and which measurement gave it: a training step's
/// FLOP rate is reported as a fraction of this. The FMA loop is the hardware's limit; a tuned GEMM gets close
/// to it and is kept as a check that the loop itself was not held back.
/// </summary>
public sealed record MachinePeak(double Gflops, string Source)
{
    public static MachinePeak Choose(double fmaLoop, double libtorchGemm, double? peerGemm)
    {
        var candidates = new List<(double Rate, string Name)>
        {
            (fmaLoop, "FMA loop"), (libtorchGemm, "libtorch GEMM"),
        };
        if (peerGemm is { } peer) candidates.Add((peer, "PyTorch peer's BLAS GEMM"));
        var best = candidates.MaxBy(c => c.Rate);
        return new MachinePeak(best.Rate, best.Name);
    }
}
