using System.Runtime.InteropServices;

namespace Lsgan.Data;

/// <summary>
/// realpath(3): a path with every symbolic link, "." and ".." resolved, which .NET 10 does not offer. Two paths
/// that reach the same folder give the same real path, which is how a walk through linked folders notices a loop.
/// </summary>
internal static class UnixRealPath
{
    /// <summary>The real path of an existing entry, or null when it cannot be resolved or off Unix.</summary>
    public static string? Of(string path)
    {
        if (OperatingSystem.IsWindows())
            return null;
        try
        {
            // With a null buffer, realpath allocates the result with malloc; it is freed here.
            IntPtr resolved = RealPath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero)
                return null;
            try
            {
                return Marshal.PtrToStringUTF8(resolved);
            }
            finally
            {
                Free(resolved);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "realpath")]
    private static extern IntPtr RealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}
