using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Lsgan.Data;

namespace Lsgan.Tests.Data;

/// <summary>Counted progress of a fetch: the bytes of a download over local HTTP, and the copy loop that counts them.</summary>
public sealed class FetchProgressTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Given_a_known_length_when_copied_counting_then_the_bytes_arrive_whole_and_counts_come_each_mebibyte_and_at_the_end()
    {
        byte[] payload = new byte[(int)(3.5 * (1 << 20))];
        new Random(7).NextBytes(payload);
        using var from = new MemoryStream(payload);
        using var to = new MemoryStream();
        var recorder = new WorkProgressRecorder();

        await from.CopyCountingAsync(to, payload.Length, recorder, "copying", CancellationToken.None);

        Assert.Equal(payload, to.ToArray());
        // 0, then the first multiple of 80 KiB reads at or past each MiB (13 reads = 1,064,960 bytes), then the end.
        Assert.Equal([0L, 13 * 81920, 26 * 81920, 39 * 81920, payload.Length], recorder.Reports.Select(r => r.Done));
        recorder.AssertMonotoneToTotal(payload.Length);
    }

    [Fact]
    public async Task Given_no_length_or_a_sink_of_lines_only_when_copied_counting_then_the_bytes_arrive_and_nothing_is_counted()
    {
        byte[] payload = [1, 2, 3, 4, 5];
        var recorder = new WorkProgressRecorder();
        using var to = new MemoryStream();
        var linesOnly = new LinesOnly();

        await new MemoryStream(payload).CopyCountingAsync(to, null, recorder, "copying", CancellationToken.None);
        await new MemoryStream(payload).CopyCountingAsync(to, payload.Length, linesOnly, "copying", CancellationToken.None);

        Assert.Equal(payload.Concat(payload), to.ToArray());
        Assert.Empty(recorder.Reports);
        Assert.Equal(0, linesOnly.Count);
    }

    [Fact]
    public async Task Given_a_server_with_content_length_when_a_dataset_file_is_downloaded_then_its_bytes_are_counted_to_the_end_and_the_stages_said()
    {
        byte[] raw = new byte[2_500_000];
        new Random(3).NextBytes(raw);
        byte[] gz = Gzip(raw);
        int port = FreePort();
        using var server = new HttpListener();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var serving = Task.Run(() =>
        {
            var context = server.GetContext();
            context.Response.ContentLength64 = gz.Length;
            context.Response.OutputStream.Write(gz);
            context.Response.Close();
        });
        var dataset = new DatasetInfo("tiny", [new DatasetFile("blob", Convert.ToHexStringLower(SHA256.HashData(raw)))], [], 1, 1, 1,
            DownloadBaseUrl: $"http://127.0.0.1:{port}/data");
        var fetcher = new DatasetFetcher(new DatasetFetchOptions { DataDir = temp.Path, UseSystemCopy = false, UsePackageClients = false });
        var recorder = new WorkProgressRecorder();

        string dir = fetcher.Fetch(dataset, recorder);
        await serving.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(File.Exists(Path.Combine(dir, "blob.gz")));
        Assert.All(recorder.Reports, r => Assert.Equal("downloading blob.gz", r.Description));
        // Reads off the network vary in size (at most the 80 KiB buffer): 0, one count past each MiB, then the end.
        var done = recorder.Reports.Select(r => r.Done).ToList();
        Assert.Equal(4, done.Count);
        Assert.Equal(0, done[0]);
        Assert.InRange(done[1], 1 << 20, (1 << 20) + 81920);
        Assert.InRange(done[2] - done[1], 1 << 20, (1 << 20) + 81920);
        recorder.AssertMonotoneToTotal(gz.Length);
        Assert.Equal([$"Downloading http://127.0.0.1:{port}/data/blob.gz", $"Copying blob from downloading from http://127.0.0.1:{port}/data to {dir}"],
            recorder.Lines);
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest)) gzip.Write(raw);
        return buffer.ToArray();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class LinesOnly : IProgress<string>
    {
        public int Count { get; private set; }

        public void Report(string value) => Count++;
    }
}
