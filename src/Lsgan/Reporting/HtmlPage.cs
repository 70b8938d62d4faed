using System.Text;

namespace Lsgan.Reporting;

/// <summary>
/// The pieces of a self-contained report page: escaped text, tables, and PNGs embedded as data URIs, so that
/// one .html file opens offline in any current browser, with no server and nothing fetched.
/// </summary>
public sealed class HtmlPage
{
    private readonly StringBuilder body = new();
    private readonly string title;

    public HtmlPage(string title) => this.title = title;

    /// <summary>The five characters HTML reserves; everything else (±, σ, χ²) stays as written, in UTF-8.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    public static string PngDataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    public HtmlPage Heading(string text, int level = 2) => Raw($"<h{level}>{Escape(text)}</h{level}>");

    public HtmlPage Paragraph(string text) => Raw($"<p>{Escape(text)}</p>");

    public HtmlPage Raw(string html)
    {
        body.AppendLine(html);
        return this;
    }

    public HtmlPage Image(byte[] png, string alt, string? id = null, bool hidden = false) =>
        Raw($"<img{(id is null ? "" : $" id=\"{Escape(id)}\"")} src=\"{PngDataUri(png)}\" alt=\"{Escape(alt)}\"{(hidden ? " hidden" : "")}>");

    public HtmlPage Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (string header in headers) html.Append($"<th>{Escape(header)}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (string cell in row) html.Append($"<td>{Escape(cell)}</td>");
            html.Append("</tr>");
        }
        return Raw(html.Append("</tbody></table>").ToString());
    }

    public string Render() => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{{Escape(title)}}</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; font-variant-numeric: tabular-nums; }
        th { background: #f3f3f3; }
        img { max-width: 100%; image-rendering: pixelated; }
        .grids img { width: 448px; }
        .strip { display: flex; overflow-x: auto; gap: 4px; }
        .strip img { width: 112px; cursor: pointer; }
        pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; }
        </style>
        </head>
        <body>
        <h1>{{Escape(title)}}</h1>
        {{body}}
        </body>
        </html>
        """;
}
