using Lsgan.Data;

namespace Lsgan.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private static readonly byte[] Payload = [0, 1, 2, 127, 128, 255];

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string Write(byte[] bytes, string name = "file-idx-ubyte")
    {
        string path = temp.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static LsganException ReadFails(string path) => Assert.Throws<LsganException>(() => IdxReader.Read(path));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Given_a_hand_written_idx_file_raw_or_gzip_When_read_Then_shape_and_bytes_round_trip(bool gzip)
    {
        byte[] raw = IdxBytes.Build([2, 1, 3], Payload);
        // A name without .gz: gzip must be recognised by its magic bytes, not the name.
        string path = Write(gzip ? IdxBytes.Gzip(raw) : raw);

        var array = IdxReader.Read(path);

        Assert.Equal([2, 1, 3], array.Shape);
        Assert.Equal(Payload, array.Data);
        Assert.Equal(2, array.Count);
    }

    [Fact]
    public void Given_a_non_seekable_decompressed_stream_When_read_Then_it_round_trips()
    {
        var stream = new System.IO.Compression.GZipStream(
            new MemoryStream(IdxBytes.Gzip(IdxBytes.Build([6], Payload))), System.IO.Compression.CompressionMode.Decompress);

        var array = IdxReader.Read(stream, "stream");

        Assert.Equal([6], array.Shape);
        Assert.Equal(Payload, array.Data);
    }

    [Fact]
    public void Given_bad_magic_bytes_When_read_Then_the_error_names_the_file_and_the_bytes()
    {
        byte[] bytes = IdxBytes.Build([6], Payload);
        bytes[1] = 0x42;
        string path = Write(bytes);

        var error = ReadFails(path);

        Assert.Contains(path, error.Message);
        Assert.Contains("00 42", error.Message);
    }

    [Theory]
    [InlineData(0x09, "signed byte")]
    [InlineData(0x0D, "float")]
    public void Given_a_type_code_other_than_unsigned_byte_When_read_Then_it_is_rejected_by_name(byte code, string typeName)
    {
        string path = Write(IdxBytes.Build([6], Payload, code));

        var error = ReadFails(path);

        Assert.Contains($"0x{code:x2}", error.Message);
        Assert.Contains(typeName, error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Given_a_truncated_payload_When_read_Then_it_says_truncated(bool gzip)
    {
        byte[] raw = IdxBytes.Build([2, 3], Payload[..5]);
        string path = Write(gzip ? IdxBytes.Gzip(raw) : raw);

        var error = ReadFails(path);

        Assert.Contains("truncated", error.Message);
        Assert.Contains("promises 6", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Given_trailing_bytes_When_read_Then_it_says_trailing(bool gzip)
    {
        byte[] raw = [.. IdxBytes.Build([2, 3], Payload), 9];
        string path = Write(gzip ? IdxBytes.Gzip(raw) : raw);

        Assert.Contains("trailing", ReadFails(path).Message);
    }

    [Fact]
    public void Given_a_zero_dimension_When_read_Then_it_is_rejected()
    {
        string path = Write(IdxBytes.Build([3, 0], []));

        Assert.Contains("dimension 1 is 0", ReadFails(path).Message);
    }

    [Theory]
    [InlineData((byte)0)]
    [InlineData((byte)5)]
    public void Given_a_rank_outside_one_to_four_When_read_Then_it_is_rejected(byte rank)
    {
        byte[] bytes = IdxBytes.HeaderOnly(1, 1, 1, 1, 1);
        bytes[3] = rank;
        string path = Write(bytes);

        Assert.Contains($"declares {rank} dimensions", ReadFails(path).Message);
    }

    [Fact]
    public void Given_a_header_claiming_four_billion_bytes_When_read_Then_it_fails_without_allocating_them()
    {
        string path = Write(IdxBytes.HeaderOnly(4_000_000_000));

        var error = AssertThrowsWithinAllocation(() => IdxReader.Read(path));

        Assert.Contains("probably corrupt", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Given_a_header_claiming_just_under_the_limit_with_little_data_When_read_Then_it_fails_without_allocating_the_claim(bool gzip)
    {
        // 1000^3 bytes is under the 1 GiB cap, so only the length check stands between it and a huge allocation.
        byte[] raw = [.. IdxBytes.HeaderOnly(1000, 1000, 1000), .. Payload];
        string path = Write(gzip ? IdxBytes.Gzip(raw) : raw);

        var error = AssertThrowsWithinAllocation(() => IdxReader.Read(path));

        Assert.Contains("truncated", error.Message);
    }

    private static LsganException AssertThrowsWithinAllocation(Action read)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<LsganException>(read);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // The gzip path may start a 1 MiB buffer; anything near the claimed gigabyte is the bug.
        Assert.InRange(allocated, 0, 16L << 20);
        return error;
    }
}
