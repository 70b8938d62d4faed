using Lsgan.Reporting;
using Lsgan.Tests.Cli;

namespace Lsgan.Tests.Reporting;

public class ReportTests
{
    [Fact]
    public void Given_markdown_with_a_heading_a_table_and_code_when_converted_then_the_html_has_the_same_structure()
    {
        const string markdown = """
            # Study <bn>

            | setting | FID |
            | --- | ---: |
            | `ls` | 1.5 ± 0.2 |

            ```
            lsgan study --preset bn
            ```
            """;

        string html = MarkdownHtml.Convert(markdown);

        Assert.Contains("<h2>Study &lt;bn&gt;</h2>", html);
        Assert.Contains("<table><thead><tr><th>setting</th><th>FID</th></tr></thead><tbody><tr><td><code>ls</code></td><td>1.5 ± 0.2</td></tr></tbody></table>", html);
        Assert.Contains("<pre>lsgan study --preset bn</pre>", html);
    }

    [Fact]
    public void Given_a_run_when_reported_then_the_page_holds_its_evaluation_beside_the_floor_its_curves_and_every_grid()
    {
        using var dir = new TempDirectory();
        string run = ReportFixtures.MakeRun(dir.Path, "run", grids: 3);

        string html = RunReport.Render(run);

        Assert.Contains($"<td>fid</td><td>{ReportFixtures.EvaluatedFid}</td><td>{ReportFixtures.FloorFid}</td>", html);
        foreach (string id in new[] { "losses", "d-outputs", "fid", "grid-0", "grid-1", "grid-2", "reals" }) Assert.Contains($"id=\"{id}\"", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public void Given_a_study_folder_when_reported_through_the_cli_then_it_gets_a_page_linking_to_a_page_per_run()
    {
        using var dir = new TempDirectory();
        ReportFixtures.MakeRun(dir.Path, "ls-seed0", grids: 1);
        ReportFixtures.MakeRun(dir.Path, "bce-seed0", grids: 1);
        File.WriteAllText(dir.Combine("summary.md"), "| setting | runs |\n| --- | ---: |\n| ls | 1 |\n");
        ReportFixtures.WritePng(dir.Combine("fid.png"), 128);

        var result = CliRunner.Run(dir.Path, "report", dir.Path);

        Assert.Equal(0, result.ExitCode);
        string page = File.ReadAllText(dir.Combine("report.html"));
        Assert.Contains("<td>ls</td><td>1</td>", page);
        Assert.Contains("href=\"ls-seed0/report.html\"", page);
        Assert.Contains("href=\"bce-seed0/report.html\"", page);
        Assert.True(File.Exists(dir.Combine("ls-seed0", "report.html")));
        Assert.True(File.Exists(dir.Combine("bce-seed0", "report.html")));
    }

    [Fact]
    public void Given_a_study_folder_of_three_runs_when_reported_then_progress_counts_each_run_page_then_the_folder_page()
    {
        using var dir = new TempDirectory();
        foreach (string run in new[] { "a-seed0", "b-seed0", "c-seed0" }) ReportFixtures.MakeRun(dir.Path, run, grids: 1);
        var recorder = new WorkProgressRecorder();

        var pages = DirectoryReport.Write(dir.Path, progress: recorder);

        Assert.Equal(4, pages.Count);
        Assert.Equal([(1L, "a-seed0"), (2L, "b-seed0"), (3L, "c-seed0"), (4L, "report.html")],
            recorder.Reports.Select(r => (r.Done, r.Description)));
        recorder.AssertMonotoneToTotal(4);
    }

    [Fact]
    public void Given_a_study_folder_when_reported_through_the_cli_off_a_terminal_then_a_line_per_page_precedes_the_paths()
    {
        using var dir = new TempDirectory();
        ReportFixtures.MakeRun(dir.Path, "ls-seed0", grids: 1);
        ReportFixtures.MakeRun(dir.Path, "bce-seed0", grids: 1);

        var result = CliRunner.Run(dir.Path, "report", dir.Path);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Matches(@"^report: \[1/3\] bce-seed0 \(\d+\.\d s\)$", lines[0]);
        Assert.Matches(@"^report: \[2/3\] ls-seed0 \(\d+\.\d s\)$", lines[1]);
        Assert.Matches(@"^report: \[3/3\] report\.html \(\d+\.\d s\)$", lines[2]);
        Assert.Equal(dir.Combine("report.html"), lines[3]);
        Assert.Empty(result.Stderr);
    }

    [Fact]
    public void Given_a_folder_with_nothing_to_report_when_reported_then_one_clear_line_and_nothing_written()
    {
        using var dir = new TempDirectory();

        var result = CliRunner.Run(dir.Path, "report", dir.Path);

        Assert.Contains("holds no run", CliRunner.AssertCleanError(result));
        Assert.False(File.Exists(dir.Combine("report.html")));
    }
}
