using System.Runtime.InteropServices;

namespace Lsgan.Data;

/// <summary>
/// The file type of stat(2), which .NET 10 does not expose: <see cref="File.Exists"/> is true for a named pipe
/// or a device, and opening a named pipe for reading blocks until a writer appears.
/// </summary>
internal static class UnixFileType
{
    // The runtime's own native shim (libSystem.Native, shipped with every .NET on Unix) reports st_mode with these
    // portable type values on every Unix, in a record that starts with two int32 fields: flags, then mode.
    // Using it avoids declaring libc's struct stat, whose layout differs between architectures.
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000, CharDevice = 0x2000, Directory = 0x4000, BlockDevice = 0x6000;
    private const int Regular = 0x8000, Socket = 0xC000;

    /// <summary>
    /// The kind of the existing entry at <paramref name="path"/>, following symbolic links; null when stat fails
    /// (the entry vanished, or a link in the chain is broken or loops).
    /// </summary>
    public static PathKind? Of(string path)
    {
        try
        {
            if (Stat(path, out var status) != 0)
                return null;
            return (status.Mode & TypeMask) switch
            {
                Regular => PathKind.File,
                Directory => PathKind.Folder,
                Fifo => PathKind.NamedPipe,
                CharDevice or BlockDevice => PathKind.Device,
                Socket => PathKind.Socket,
                // Anything else is no file lsgan can read; a device is the closest description.
                _ => PathKind.Device,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A runtime without the shim: the type cannot be told, so trust File.Exists as before.
            return File.Exists(path) ? PathKind.File : null;
        }
    }

    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct FileStatus
    {
        // The native record is about 120 bytes; the explicit size leaves room for fields added later.
        [FieldOffset(4)] public int Mode;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);
}
