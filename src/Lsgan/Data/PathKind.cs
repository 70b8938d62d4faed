namespace Lsgan.Data;

/// <summary>What a path names, in the terms <see cref="PathCheck"/> needs to refuse it clearly.</summary>
public enum PathKind
{
    /// <summary>Nothing is there (and no link points through it).</summary>
    Missing,

    /// <summary>A regular file, possibly reached through symbolic links.</summary>
    File,

    /// <summary>A folder, possibly reached through symbolic links.</summary>
    Folder,

    /// <summary>A symbolic link whose final target does not exist.</summary>
    BrokenLink,

    /// <summary>A symbolic link that never reaches a target because the chain loops.</summary>
    LinkLoop,

    /// <summary>A named pipe (FIFO): opening it for reading waits for a writer, possibly forever.</summary>
    NamedPipe,

    /// <summary>A character or block device, e.g. /dev/zero, which can be read without end.</summary>
    Device,

    /// <summary>A Unix domain socket, which cannot be opened as a file.</summary>
    Socket,
}
