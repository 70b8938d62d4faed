using System.CommandLine;
using Lsgan.Reporting;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan report PATH: one self-contained HTML page for a run, a study or a mixture experiment.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A run directory, a study directory or a mixture experiment's directory" }.NotEmpty();
        var output = Options.Path("--out", $"The page to write (default: PATH/{DirectoryReport.FileName}); the runs inside a study get theirs beside them");
        var command = new Command("report", "Write an HTML page (images embedded, works offline) with the config, evaluation beside the real-data floor, curves and sample grids over time.")
        {
            path, output,
        };
        command.SetAction(p =>
        {
            string directory = p.GetValue(path)!;
            if (!Directory.Exists(directory)) throw new LsganException($"{directory} is not a directory; give a run, study or mixture directory.");
            string? outFile = p.GetValue(output);
            if (outFile is not null && !outFile.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                throw new LsganException($"--out {outFile} must end in .html.");
            // A page per run of a study or mixture directory, then its own: a bar on a terminal, else a line per page.
            var pages = Output.WorkView.Run("report", view => DirectoryReport.Write(directory, outFile, view));
            foreach (string page in pages) Console.WriteLine(page);
            return 0;
        });
        return command;
    }
}
