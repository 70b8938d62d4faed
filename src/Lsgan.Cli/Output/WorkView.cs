using System.Diagnostics;
using Spectre.Console;

namespace Lsgan.Cli.Output;

/// <summary>
/// Shows a long job's progress: a live bar with the remaining time on a terminal; when output goes to a file or
/// pipe, a line per stage on stdout, as training's lines (stderr stays for the one error line).
/// </summary>
internal static class WorkView
{
    /// <param name="title">The job, e.g. "evaluate".</param>
    /// <param name="work">Reports through the given <see cref="WorkReporter"/>.</param>
    /// <param name="linePerReport">Off a terminal, write a line for every report (stages); off for jobs that write their own lines.</param>
    /// <param name="show">False shows nothing at all, for output that must stay machine-readable (fid --json).</param>
    public static T Run<T>(string title, Func<WorkReporter, T> work, bool linePerReport = true, bool show = true)
    {
        var clock = Stopwatch.StartNew();
        if (!show) return work(new WorkReporter(_ => { }, Console.Error.WriteLine));
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            return work(new WorkReporter(
                p =>
                {
                    if (linePerReport) Console.WriteLine($"{title}: [{p.Done}/{p.Total}] {p.Description} ({clock.Elapsed.TotalSeconds:F1} s)");
                },
                Console.Error.WriteLine));
        }

        IsLive = true;
        try
        {
            return Live(title, work);
        }
        finally
        {
            IsLive = false;
        }
    }

    /// <summary>True while a live bar is on the terminal: another must not start (Spectre draws one at a time).</summary>
    public static bool IsLive { get; private set; }

    private static T Live<T>(string title, Func<WorkReporter, T> work)
    {
        return ProgressBars.WithRemainingTime(autoClear: false)
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                return work(new WorkReporter(
                    p =>
                    {
                        task.MaxValue = Math.Max(p.Total, 1);
                        task.Value = p.Done;
                        task.Description = Markup.Escape($"{title}: {p.Description}");
                    },
                    line => AnsiConsole.MarkupLine(Markup.Escape(line))));
            });
    }
}

/// <summary>What a job reports to a <see cref="WorkView"/>: progress, and lines that must not break a live bar.</summary>
internal sealed class WorkReporter(Action<WorkProgress> report, Action<string> line) : IProgress<WorkProgress>
{
    public void Report(WorkProgress value) => report(value);

    /// <summary>Writes <paramref name="text"/> above the bar on a terminal, or to stderr.</summary>
    public void Line(string text) => line(text);
}
