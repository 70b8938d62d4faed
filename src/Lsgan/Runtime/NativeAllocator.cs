using System.Runtime.InteropServices;

namespace Lsgan.Runtime;

/// <summary>
/// Keeps glibc from handing libtorch's freed buffers back to the kernel between training steps. A process-wide
/// setting, so only the programs' entry points call it (the CLI and bench, once at start); the library never does.
/// </summary>
/// <remarks>
/// A step allocates and frees the same large activation and workspace buffers every time. With glibc's defaults
/// a freed buffer above the trim threshold (or one served by mmap) goes back to the kernel, and the next step
/// faults every page of it in again: a dcgan step here took ~8,000 page faults and ran 10–25 % slower than with
/// the freed memory kept (bench/README.md). Keeping it costs no more than the step's peak, which the process
/// reaches anyway. PyTorch's own advice for CPU training is a caching allocator (jemalloc, tcmalloc); these two
/// settings get the same effect from the allocator already loaded.
/// </remarks>
public static class NativeAllocator
{
    private const int TrimThreshold = -1;   // M_TRIM_THRESHOLD
    private const int MmapThreshold = -3;   // M_MMAP_THRESHOLD

    private static bool? applied;

    /// <summary>
    /// Applies the settings once per process. Returns whether glibc took both; false off Linux or where mallopt
    /// is missing (e.g. musl, whose allocator keeps its own policy).
    /// </summary>
    public static bool KeepFreedMemory()
    {
        if (applied is { } done) return done;
        if (!OperatingSystem.IsLinux()) return (applied = false).Value;
        try
        {
            // Buffers up to 32 MiB (glibc's largest allowed threshold) come from the heap, not from mmap,
            // and up to 1 GiB of free memory at the heap's top stays mapped. mallopt returns 1 on success.
            bool mmap = mallopt(MmapThreshold, 32 << 20) == 1;
            bool trim = mallopt(TrimThreshold, 1 << 30) == 1;
            return (applied = mmap && trim).Value;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return (applied = false).Value;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
