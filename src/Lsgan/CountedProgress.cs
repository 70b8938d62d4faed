namespace Lsgan;

/// <summary>
/// Counted work (bytes downloaded, glyphs rendered) reported through a sink of stage lines, as the dataset code
/// reports: a sink that also implements <see cref="IProgress{T}"/> of <see cref="WorkProgress"/> (the CLI's, which
/// draws a bar with the remaining time) gets the counts; any other sink gets its lines only, as before.
/// </summary>
public static class CountedProgress
{
    /// <summary>Tells <paramref name="lines"/>, if it takes counts, that <paramref name="done"/> of <paramref name="total"/> are done.</summary>
    public static void ReportCount(this IProgress<string>? lines, long done, long total, string description)
    {
        if (lines is IProgress<WorkProgress> counted) counted.Report(new WorkProgress(done, total, description));
    }

    /// <summary>
    /// Copies <paramref name="from"/> to <paramref name="to"/>, reporting the bytes copied of <paramref name="length"/>
    /// (a download's Content-Length) every <paramref name="every"/> bytes and at the end; without a length it copies
    /// and reports nothing. Honours <paramref name="cancellation"/> while the body streams in.
    /// </summary>
    public static async Task CopyCountingAsync(this Stream from, Stream to, long? length, IProgress<string>? lines, string description,
        CancellationToken cancellation, int every = 1 << 20)
    {
        if (length is not { } total || lines is not IProgress<WorkProgress>)
        {
            await from.CopyToAsync(to, cancellation);
            return;
        }
        var buffer = new byte[81920];
        long copied = 0, reported = 0;
        lines.ReportCount(0, total, description);
        int read;
        while ((read = await from.ReadAsync(buffer, cancellation)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellation);
            copied += read;
            if (copied - reported >= every)
            {
                // A server that sends more than it announced moves the total, never past it.
                lines.ReportCount(Math.Min(copied, total), total, description);
                reported = copied;
            }
        }
        lines.ReportCount(total, total, description);
    }
}
