using System.Net;

namespace Lsgan.Data;

/// <summary>The dataset's official download URL, serving each file as &lt;name&gt;.gz.</summary>
internal sealed class DownloadSource(TimeSpan timeout) : IDatasetSource
{
    private static readonly HttpClient Http = new();

    public bool Serves(DatasetInfo dataset) => dataset.DownloadBaseUrl is not null;

    public string Describe(DatasetInfo dataset) => $"downloading from {dataset.DownloadBaseUrl}";

    public string? Locate(DatasetInfo dataset, DatasetFile file, string scratchDir, IProgress<string>? progress,
        CancellationToken cancellation)
    {
        string url = $"{dataset.DownloadBaseUrl}/{file.Name}.gz";
        progress?.Report($"Downloading {url}");
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeoutSource.CancelAfter(timeout);
        using var response = Http.Send(new HttpRequestMessage(HttpMethod.Get, url),
            HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();

        string dir = Path.Combine(scratchDir, "download");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, file.Name + ".gz");
        using var body = response.Content.ReadAsStream(timeoutSource.Token);
        using var output = File.Create(path);
        // The async copy is the one that honours the timeout while the body streams in; it counts the bytes for a bar.
        body.CopyCountingAsync(output, response.Content.Headers.ContentLength, progress, $"downloading {file.Name}.gz",
            timeoutSource.Token).GetAwaiter().GetResult();
        return path;
    }
}
