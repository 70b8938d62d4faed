using System.Text;

namespace Lsgan.Reporting;

/// <summary>
/// The Markdown our own summaries are written in (headings, paragraphs, pipe tables, code blocks), as HTML for a
/// report page. Not a general Markdown renderer: inline marks other than `code` are shown as typed.
/// </summary>
public static class MarkdownHtml
{
    public static string Convert(string markdown)
    {
        var html = new StringBuilder();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var paragraph = new List<string>();
        void FlushParagraph()
        {
            if (paragraph.Count > 0) html.AppendLine($"<p>{Inline(string.Join(' ', paragraph))}</p>");
            paragraph.Clear();
        }

        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd();
            if (line.StartsWith("```"))
            {
                FlushParagraph();
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].StartsWith("```"); i++) code.Add(lines[i]);
                html.AppendLine($"<pre>{HtmlPage.Escape(string.Join('\n', code))}</pre>");
            }
            else if (line.StartsWith('#'))
            {
                FlushParagraph();
                int level = Math.Min(line.TakeWhile(c => c == '#').Count() + 1, 6);
                html.AppendLine($"<h{level}>{Inline(line.TrimStart('#').Trim())}</h{level}>");
            }
            else if (line.StartsWith('|'))
            {
                FlushParagraph();
                var rows = new List<string>();
                for (; i < lines.Length && lines[i].TrimStart().StartsWith('|'); i++) rows.Add(lines[i].Trim());
                i--;
                html.AppendLine(Table(rows));
            }
            else if (line.Length == 0) FlushParagraph();
            else paragraph.Add(line);
        }
        FlushParagraph();
        return html.ToString();
    }

    private static string Table(List<string> rows)
    {
        static string[] Cells(string row) => row.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        bool IsRule(string row) => Cells(row).All(c => c.Length > 0 && c.All(ch => ch is '-' or ':'));
        var html = new StringBuilder("<table>");
        bool hasHeader = rows.Count > 1 && IsRule(rows[1]);
        if (hasHeader) html.Append("<thead><tr>").Append(string.Concat(Cells(rows[0]).Select(c => $"<th>{Inline(c)}</th>"))).Append("</tr></thead>");
        html.Append("<tbody>");
        foreach (string row in rows.Skip(hasHeader ? 2 : 0))
            html.Append("<tr>").Append(string.Concat(Cells(row).Select(c => $"<td>{Inline(c)}</td>"))).Append("</tr>");
        return html.Append("</tbody></table>").ToString();
    }

    // `code` spans; everything else escaped as typed (an unpaired backtick stays a backtick).
    private static string Inline(string text)
    {
        var parts = text.Split('`');
        if (parts.Length % 2 == 0) return HtmlPage.Escape(text);
        return string.Concat(parts.Select((part, i) => i % 2 == 1 ? $"<code>{HtmlPage.Escape(part)}</code>" : HtmlPage.Escape(part)));
    }
}
