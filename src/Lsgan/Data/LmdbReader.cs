using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Lsgan.Data;

/// <summary>
/// Reads the key/value pairs of an LMDB 0.9 database file (data.mdb, as the LSUN scene sets are distributed and as
/// py-lmdb and Caffe write them) in key order, with no native library: the layout is LMDB's documented on-disk
/// format of 64-bit builds (two meta pages, then branch, leaf and overflow pages of a B+tree). Every page number,
/// offset and size is checked against the file before it is used, so a truncated or damaged file is an
/// <see cref="LsganException"/> naming the file, never a crash. Pages are read one at a time with positioned
/// reads, so neither the file nor more than one value is held in memory.
/// </summary>
internal sealed class LmdbReader : IDisposable
{
    private const uint Magic = 0xBEEFC0DE;
    private const int DataVersion = 1;
    private const int PageHeaderSize = 16;
    private const int NodeHeaderSize = 8;
    private const ushort BranchPage = 0x01, LeafPage = 0x02, OverflowPage = 0x04;
    private const ushort BigData = 0x01, SubData = 0x02, DuplicateData = 0x04;
    private const ulong NoPage = ulong.MaxValue;

    /// <summary>
    /// The largest value read: 256 MiB, far above any encoded image lsgan decodes (at most 8192 x 8192 pixels), so a
    /// damaged size field in a large database is an error rather than a multi-gigabyte allocation.
    /// </summary>
    public const long MaxValueBytes = 1L << 28;

    // Offsets in a meta page: the page header, then magic, version, address, map size, the free-page and main
    // databases' records (48 bytes each; the free one's first field holds the page size), last page, transaction id.
    private const int MagicAt = 16, VersionAt = 20, PageSizeAt = 40, MainDbAt = 88, LastPageAt = 136, TxnIdAt = 144;
    private const int MetaSize = 152;

    private readonly SafeFileHandle file;
    private readonly long fileLength;
    private readonly int pageSize;
    private readonly ulong lastPage;
    private readonly ulong root;
    private readonly int depth;

    private LmdbReader(string path, SafeFileHandle file, long fileLength, int pageSize, ulong lastPage, ulong root,
        int depth, long entries)
    {
        Path = path;
        this.file = file;
        this.fileLength = fileLength;
        this.pageSize = pageSize;
        this.lastPage = lastPage;
        this.root = root;
        this.depth = depth;
        Entries = entries;
    }

    /// <summary>The data.mdb file read.</summary>
    public string Path { get; }

    /// <summary>The number of key/value pairs the database's meta page records.</summary>
    public long Entries { get; }

    /// <summary>Opens <paramref name="path"/> (a data.mdb file) and checks its meta pages.</summary>
    public static LmdbReader Open(string path)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        try
        {
            long length = RandomAccess.GetLength(file);
            var first = ReadMeta(file, path, length, 0) ?? throw Damaged(path, "its first meta page is not an LMDB meta page");
            var second = ReadMeta(file, path, length, first.PageSize);
            var meta = second is { } other && other.TxnId > first.TxnId ? other : first;
            if ((meta.LastPage + 1) * (ulong)meta.PageSize > (ulong)length)
                throw Damaged(path, $"it is truncated: it ends at {length} bytes, but its meta page counts {meta.LastPage + 1} pages of {meta.PageSize} bytes");
            return new LmdbReader(path, file, length, meta.PageSize, meta.LastPage, meta.Root, meta.Depth, meta.Entries);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The key/value pairs in key order; each value is a fresh array the caller may keep.</summary>
    public IEnumerable<(byte[] Key, byte[] Value)> Read()
    {
        if (root == NoPage)
            yield break;
        long seen = 0;
        foreach (var entry in Walk(root, 1))
        {
            seen++;
            yield return entry;
        }
        if (seen != Entries)
            throw Damaged(Path, $"its meta page counts {Entries} entries but its pages hold {seen}");
    }

    private IEnumerable<(byte[] Key, byte[] Value)> Walk(ulong pageNumber, int level)
    {
        byte[] page = ReadPage(pageNumber);
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(page.AsSpan(10));
        int count = NodeCount(page, pageNumber);
        bool leaf = (flags & LeafPage) != 0;
        if (leaf != (level == depth) || (!leaf && (flags & BranchPage) == 0))
            throw Damaged(Path, $"page {pageNumber} is not the {(level == depth ? "leaf" : "branch")} page the tree's depth {depth} puts at level {level}");
        for (int i = 0; i < count; i++)
        {
            var (offset, low, high, nodeFlags, keySize) = Node(page, pageNumber, i);
            if (!leaf)
            {
                ulong child = low | (ulong)high << 16 | (ulong)nodeFlags << 32;
                foreach (var entry in Walk(child, level + 1))
                    yield return entry;
                continue;
            }
            if ((nodeFlags & (SubData | DuplicateData)) != 0)
                throw new LsganException($"{Path} holds named sub-databases or duplicate keys; lsgan reads plain key/value databases such as LSUN's.");
            byte[] key = page.AsSpan(offset + NodeHeaderSize, keySize).ToArray();
            long size = low | (long)high << 16;
            yield return (key, (nodeFlags & BigData) != 0
                ? ReadOverflow(page, offset + NodeHeaderSize + keySize, size, pageNumber)
                : Inline(page, offset + NodeHeaderSize + keySize, size, pageNumber));
        }
    }

    private byte[] Inline(byte[] page, int start, long size, ulong pageNumber) =>
        start + size <= pageSize ? page.AsSpan(start, (int)size).ToArray()
        : throw Damaged(Path, $"a value on page {pageNumber} runs past the page's end");

    private byte[] ReadOverflow(byte[] page, int start, long size, ulong pageNumber)
    {
        if (start + sizeof(ulong) > pageSize)
            throw Damaged(Path, $"a value's page number on page {pageNumber} runs past the page's end");
        ulong first = BinaryPrimitives.ReadUInt64LittleEndian(page.AsSpan(start));
        byte[] header = ReadPage(first, PageHeaderSize);
        uint pages = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12));
        if ((BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(10)) & OverflowPage) == 0
            || pages == 0 || first + pages - 1 > lastPage || size > (long)pages * pageSize - PageHeaderSize
            || size > MaxValueBytes)
            throw Damaged(Path, $"the overflow pages from {first} do not hold the {size}-byte value page {pageNumber} points to");
        var value = new byte[size];
        ReadExactly(value, (long)first * pageSize + PageHeaderSize);
        return value;
    }

    private int NodeCount(byte[] page, ulong pageNumber)
    {
        int lower = BinaryPrimitives.ReadUInt16LittleEndian(page.AsSpan(12));
        if (lower < PageHeaderSize || lower > pageSize || (lower - PageHeaderSize) % 2 != 0)
            throw Damaged(Path, $"page {pageNumber} has an impossible node table");
        return (lower - PageHeaderSize) / 2;
    }

    private (int Offset, ushort Low, ushort High, ushort Flags, ushort KeySize) Node(byte[] page, ulong pageNumber, int index)
    {
        int offset = BinaryPrimitives.ReadUInt16LittleEndian(page.AsSpan(PageHeaderSize + 2 * index));
        if (offset < PageHeaderSize || offset + NodeHeaderSize > pageSize)
            throw Damaged(Path, $"node {index} of page {pageNumber} lies outside the page");
        var node = page.AsSpan(offset);
        ushort keySize = BinaryPrimitives.ReadUInt16LittleEndian(node[6..]);
        if (offset + NodeHeaderSize + keySize > pageSize)
            throw Damaged(Path, $"the key of node {index} of page {pageNumber} runs past the page's end");
        return (offset, BinaryPrimitives.ReadUInt16LittleEndian(node), BinaryPrimitives.ReadUInt16LittleEndian(node[2..]),
            BinaryPrimitives.ReadUInt16LittleEndian(node[4..]), keySize);
    }

    private byte[] ReadPage(ulong pageNumber, int? bytes = null)
    {
        // Meta pages (0 and 1) are never part of the tree, so a pointer to one is damage too.
        if (pageNumber < 2 || pageNumber > lastPage)
            throw Damaged(Path, $"it points to page {pageNumber}, outside its pages 2 to {lastPage}");
        var page = new byte[bytes ?? pageSize];
        ReadExactly(page, (long)pageNumber * pageSize);
        if (BinaryPrimitives.ReadUInt64LittleEndian(page) != pageNumber)
            throw Damaged(Path, $"page {pageNumber} says it is page {BinaryPrimitives.ReadUInt64LittleEndian(page)}");
        return page;
    }

    private void ReadExactly(byte[] buffer, long offset)
    {
        if (offset + buffer.Length > fileLength || RandomAccess.Read(file, buffer, offset) != buffer.Length)
            throw Damaged(Path, $"it ends before byte {offset + buffer.Length}");
    }

    private static Meta? ReadMeta(SafeFileHandle file, string path, long length, int offset)
    {
        var meta = new byte[MetaSize];
        if (offset + MetaSize > length || RandomAccess.Read(file, meta, offset) != MetaSize)
            throw Damaged(path, $"it is {length} bytes long, too short for LMDB's meta pages");
        if (BinaryPrimitives.ReadUInt32LittleEndian(meta.AsSpan(MagicAt)) != Magic)
            return null;
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(meta.AsSpan(VersionAt));
        if (version != DataVersion)
            throw new LsganException(
                $"{path} is an LMDB database of data version {version}; lsgan reads version {DataVersion}, the format of "
                + "LMDB 0.9 in which LSUN and most tools write (LMDB 1.0 files need its mdb_dump and 0.9's mdb_load first).");
        int pageSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(meta.AsSpan(PageSizeAt));
        if (pageSize is < 512 or > 65536 || (pageSize & (pageSize - 1)) != 0)
            throw Damaged(path, $"its meta page gives an impossible page size {pageSize}");
        var main = meta.AsSpan(MainDbAt);
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(main[4..]);
        if ((flags & DuplicateData) != 0)
            throw new LsganException($"{path} holds duplicate keys; lsgan reads plain key/value databases such as LSUN's.");
        int depth = BinaryPrimitives.ReadUInt16LittleEndian(main[6..]);
        long entries = (long)BinaryPrimitives.ReadUInt64LittleEndian(main[32..]);
        ulong root = BinaryPrimitives.ReadUInt64LittleEndian(main[40..]);
        if (entries < 0 || (root != NoPage && depth is < 1 or > 64))
            throw Damaged(path, $"its meta page records impossible counts ({entries} entries, depth {depth})");
        return new Meta(pageSize, BinaryPrimitives.ReadUInt64LittleEndian(meta.AsSpan(LastPageAt)),
            BinaryPrimitives.ReadUInt64LittleEndian(meta.AsSpan(TxnIdAt)), root, depth, entries);
    }

    private static LsganException Damaged(string path, string what) =>
        new($"{path} is a damaged or truncated LMDB database: {what}.");

    public void Dispose() => file.Dispose();

    private sealed record Meta(int PageSize, ulong LastPage, ulong TxnId, ulong Root, int Depth, long Entries);
}
