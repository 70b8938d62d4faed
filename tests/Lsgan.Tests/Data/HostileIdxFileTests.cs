using Lsgan.Data;

namespace Lsgan.Tests.Data;

/// <summary>
/// IDX files with lying headers, cut-off or inflating gzip, or no file at all, as read by fid and the dataset
/// loader: each is refused within seconds, naming the file, without allocating what the header claims.
/// </summary>
public sealed class HostileIdxFileTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string Path => temp.Combine("images-idx3-ubyte");

    private static readonly byte[] Six = [1, 2, 3, 4, 5, 6];

    private string Plant(string hostile)
    {
        byte[] valid = IdxBytes.Build([1, 2, 3], Six);
        switch (hostile)
        {
            case "a header claiming 2^31 images": HostileFiles.Bytes(Path, [.. IdxBytes.HeaderOnly(1u << 31, 28, 28), .. Six]); return "probably corrupt";
            case "a labels header claiming 2^31 labels": HostileFiles.Bytes(Path, [.. IdxBytes.HeaderOnly(1u << 31), .. Six]); return "probably corrupt";
            case "a dimension of -1 as int32": HostileFiles.Bytes(Path, [.. IdxBytes.HeaderOnly(1, uint.MaxValue), .. Six]); return "probably corrupt";
            case "a zero last dimension": HostileFiles.Bytes(Path, [.. IdxBytes.HeaderOnly(6, 0), .. Six]); return "dimension 1 is 0";
            case "rank 0": HostileFiles.Bytes(Path, IdxBytes.HeaderOnly()); return "declares 0 dimensions";
            case "rank 255": HostileFiles.Bytes(Path, [0, 0, 8, 255, .. Six]); return "declares 255 dimensions";
            case "an empty file": HostileFiles.Bytes(Path, []); return "shorter than the 4-byte IDX header";
            case "a gzip cut in half": HostileFiles.Bytes(Path, HostileImages.Truncated(IdxBytes.Gzip(IdxBytes.Build([4096], new byte[4096])), 0.5)); return "";
            case "a gzip of only its magic bytes": HostileFiles.Bytes(Path, [0x1f, 0x8b]); return "";
            case "gzip magic before garbage": HostileFiles.Bytes(Path, [0x1f, 0x8b, .. "garbage, not deflate"u8]); return "";
            case "a gigabyte of zeros after a small payload": HostileFiles.Bytes(Path, InflatingAfter(valid)); return "trailing bytes";
            case "a named pipe": HostileFiles.Fifo(Path); return "named pipe";
            case "a link to /dev/zero": HostileFiles.Link(Path, "/dev/zero"); return "device";
            case "a folder": Directory.CreateDirectory(Path); return "is a folder";
            case "a broken link": HostileFiles.Link(Path, temp.Combine("gone")); return "which does not exist";
            default: throw new ArgumentException(hostile);
        }
    }

    // A valid IDX file, then 1 GiB of zeros, all gzip-compressed (about a megabyte).
    private static byte[] InflatingAfter(byte[] idx) =>
        [.. IdxBytes.Gzip(idx), .. Enumerable.Repeat(IdxBytes.Gzip(new byte[1 << 20]), 1024).SelectMany(m => m)];

    [Theory]
    [InlineData("a header claiming 2^31 images")]
    [InlineData("a labels header claiming 2^31 labels")]
    [InlineData("a dimension of -1 as int32")]
    [InlineData("a zero last dimension")]
    [InlineData("rank 0")]
    [InlineData("rank 255")]
    [InlineData("an empty file")]
    [InlineData("a gzip cut in half")]
    [InlineData("a gzip of only its magic bytes")]
    [InlineData("gzip magic before garbage")]
    [InlineData("a gigabyte of zeros after a small payload")]
    [InlineData("a named pipe")]
    [InlineData("a link to /dev/zero")]
    [InlineData("a folder")]
    [InlineData("a broken link")]
    public void Given_a_hostile_idx_file_When_read_Then_it_is_refused_by_name_without_allocating_its_claim(string hostile)
    {
        string says = Plant(hostile);
        var before = TreeSnapshot.Take(temp.Path);
        long allocated = 0;

        var error = Bounded.Refuses(() =>
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                IdxReader.Read(Path);
            }
            finally
            {
                allocated = GC.GetAllocatedBytesForCurrentThread() - start;
            }
        });

        Assert.StartsWith(Path + " ", error.Message);
        Assert.Contains(says, error.Message);
        // The gzip path grows its buffer from 1 MiB as data arrives; the claims here are gigabytes.
        Assert.InRange(allocated, 0, 16L << 20);
        Assert.Equal(before, TreeSnapshot.Take(temp.Path));
    }
}
