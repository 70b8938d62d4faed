using System.Text.Json;
using Lsgan.Reporting;
using Microsoft.Playwright;

namespace Lsgan.Tests.Reporting;

/// <summary>
/// Report pages opened in a real browser: Debian's chromium, headless, driven by Playwright, with every network
/// request refused (the pages must need none). A missing chromium fails these tests: .ci/run installs it.
/// </summary>
public class ReportBrowserTests
{
    private static string Chromium =>
        Environment.GetEnvironmentVariable("LSGAN_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException("chromium is not installed (/usr/bin/chromium): .ci/run installs Debian's chromium package; or set LSGAN_CHROMIUM");

    private sealed record PageCheck(int Images, int Loaded, string Text, List<string> Errors, List<string> Requests);

    private static async Task<PageCheck> Open(string htmlFile, Func<IPage, Task>? act = null)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        // Offline: anything but the file itself and its data: images is refused and recorded.
        await page.RouteAsync("**/*", async route =>
        {
            string url = route.Request.Url;
            if (url.StartsWith("file:") || url.StartsWith("data:")) await route.ContinueAsync();
            else { requests.Add(url); await route.AbortAsync(); }
        });
        await page.GotoAsync(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        if (act is not null) await act(page);
        int images = await page.EvaluateAsync<int>("document.images.length");
        int loaded = await page.EvaluateAsync<int>("[...document.images].filter(i => i.complete && i.naturalWidth > 0).length");
        string text = await page.InnerTextAsync("body");
        return new PageCheck(images, loaded, text, errors, requests);
    }

    [Fact]
    public async Task Given_a_run_report_when_opened_offline_in_chromium_then_every_image_loads_the_table_shows_the_figures_and_no_errors()
    {
        using var dir = new TempDirectory();
        string run = ReportFixtures.MakeRun(dir.Path, "run", grids: 3);
        string html = DirectoryReport.Write(run)[0];

        var check = await Open(html);

        Assert.Equal(7, check.Images); // losses, D outputs, FID, three grids, reals
        Assert.Equal(check.Images, check.Loaded);
        Assert.Contains(ReportFixtures.EvaluatedFid.ToString(System.Globalization.CultureInfo.InvariantCulture), check.Text);
        Assert.Contains(ReportFixtures.FloorFid.ToString(System.Globalization.CultureInfo.InvariantCulture), check.Text);
        Assert.Empty(check.Errors);
        Assert.Empty(check.Requests);
    }

    [Fact]
    public async Task Given_a_run_report_when_the_slider_moves_then_the_grid_of_that_epoch_is_the_one_shown()
    {
        using var dir = new TempDirectory();
        string html = DirectoryReport.Write(ReportFixtures.MakeRun(dir.Path, "run", grids: 3))[0];
        string shown = "";

        var check = await Open(html, async page =>
        {
            await page.Locator("#grid-slider").FillAsync("0");
            shown = await page.EvaluateAsync<string>("JSON.stringify([...document.querySelectorAll('.grids img')].filter(i => !i.hidden).map(i => i.alt).concat([document.getElementById('grid-name').textContent]))");
        });

        Assert.Equal(["epoch-0001.png", "epoch-0001.png"], JsonSerializer.Deserialize<string[]>(shown)!);
        Assert.Empty(check.Errors);
    }

    [Fact]
    public async Task Given_a_study_report_when_opened_offline_in_chromium_then_its_figures_load_and_its_table_and_links_are_there()
    {
        using var dir = new TempDirectory();
        ReportFixtures.MakeRun(dir.Path, "ls-seed0", grids: 1);
        File.WriteAllText(dir.Combine("summary.md"), "| setting | FID final |\n| --- | ---: |\n| ls | 1.25 ± 0.5 |\n");
        ReportFixtures.WritePng(dir.Combine("fid.png"), 128);
        string html = DirectoryReport.Write(dir.Path)[0];

        var check = await Open(html);

        Assert.Equal(1, check.Images);
        Assert.Equal(1, check.Loaded);
        Assert.Contains("1.25 ± 0.5", check.Text);
        Assert.Contains("ls-seed0", check.Text);
        Assert.Empty(check.Errors);
        Assert.Empty(check.Requests);
    }
}
