namespace Lsgan.Reporting;

/// <summary>
/// The page of a folder of runs — a study or a mixture experiment: its summary (summary.md, as our summaries
/// are written), every picture at its top level (FID bands, final samples side by side, GAN-vs-LSGAN figures),
/// and a link to the page of each run inside it, which is written beside that run.
/// </summary>
public static class DirectoryReport
{
    public const string FileName = "report.html";

    /// <summary>
    /// Writes <paramref name="directory"/>'s page to <paramref name="output"/> (and each run's page into the run); returns
    /// the pages written. <paramref name="progress"/> is told after each page, in pages of all to write.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, string? output = null, IProgress<WorkProgress>? progress = null)
    {
        output ??= Path.Combine(directory, FileName);
        if (RunReport.IsRun(directory))
        {
            IO.AtomicFile.WriteAllText(output, RunReport.Render(directory));
            progress?.Report(new WorkProgress(1, 1, Path.GetFileName(Path.GetFullPath(directory))));
            return [output];
        }

        var written = new List<string>();
        var page = new HtmlPage($"lsgan {Path.GetFileName(Path.GetFullPath(directory))}");
        string summary = Path.Combine(directory, "summary.md");
        if (File.Exists(summary)) page.Raw(MarkdownHtml.Convert(File.ReadAllText(summary)));

        var pictures = Directory.GetFiles(directory, "*.png").Order(StringComparer.Ordinal).ToList();
        if (pictures.Count > 0) page.Heading("Figures");
        foreach (string picture in pictures)
        {
            page.Heading(Path.GetFileName(picture), 3);
            page.Image(File.ReadAllBytes(picture), Path.GetFileName(picture));
        }

        var runs = Directory.GetDirectories(directory).Where(RunReport.IsRun).Order(StringComparer.Ordinal).ToList();
        if (runs.Count > 0)
        {
            page.Heading("Runs");
            var links = new List<string>();
            foreach (string run in runs)
            {
                string name = Path.GetFileName(run);
                string runPage = Path.Combine(run, FileName);
                IO.AtomicFile.WriteAllText(runPage, RunReport.Render(run));
                written.Add(runPage);
                links.Add($"<li><a href=\"{Uri.EscapeDataString(name)}/{FileName}\">{HtmlPage.Escape(name)}</a></li>");
                progress?.Report(new WorkProgress(written.Count, runs.Count + 1, name));
            }
            page.Raw($"<ul>{string.Concat(links)}</ul>");
        }
        if (!File.Exists(summary) && pictures.Count == 0 && runs.Count == 0)
            throw new LsganException($"{directory} holds no run, summary.md or figures to report on.");

        IO.AtomicFile.WriteAllText(output, page.Render());
        written.Insert(0, output);
        progress?.Report(new WorkProgress(written.Count, runs.Count + 1, Path.GetFileName(output)));
        return written;
    }
}
