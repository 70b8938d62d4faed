using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Lsgan.Tests.Data;

/// <summary>Plants the things a hostile or unlucky user leaves where lsgan expects data files or folders.</summary>
public static class HostileFiles
{
    /// <summary>A named pipe: opening it for reading blocks until a writer appears.</summary>
    public static void Fifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Assert.Equal(0, mkfifo(path, Convert.ToUInt32("644", 8)));
    }

    /// <summary>
    /// A Unix domain socket file. .NET removes the file when the socket is disposed, so the caller keeps the
    /// returned socket open for as long as the file must exist.
    /// </summary>
    public static Socket Socket(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    /// <summary>A symbolic link to <paramref name="target"/>, which need not exist.</summary>
    public static void Link(string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    /// <summary>Two links pointing at each other, so <paramref name="path"/> never resolves.</summary>
    public static void LinkLoop(string path)
    {
        Link(path, path + ".other");
        Link(path + ".other", path);
    }

    /// <summary>A file of <paramref name="bytes"/> (parents created).</summary>
    public static void Bytes(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
