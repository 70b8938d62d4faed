using System.Diagnostics;
using Spectre.Console;

namespace Lsgan.Cli.Output;

/// <summary>
/// Shows the loading of a dataset (fetch, unpack, render): each stage's line on stderr as it starts, stamped with the
/// time since loading began. Counted stages (bytes of a download, glyphs rendered) show as a bar with the remaining
/// time on a terminal, cleared once loading ends; off a terminal as a line at each quarter. Inside another live
/// display (a study's bar) the lines go above that bar and the counts are left to it.
/// </summary>
internal static class DataView
{
    public static T Run<T>(Func<IProgress<string>, T> load)
    {
        var clock = Stopwatch.StartNew();
        string Stamp(string line) => $"[{clock.Elapsed.TotalSeconds,5:F1} s] {line}";
        if (WorkView.IsLive) return load(new DataSink(line => AnsiConsole.MarkupLine(Markup.Escape(Stamp(line))), _ => { }));
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            var quarters = new QuarterLines(line => Console.Error.WriteLine(Stamp(line)));
            return load(new DataSink(line => Console.Error.WriteLine(Stamp(line)), quarters.Report));
        }

        return ProgressBars.WithRemainingTime(autoClear: true)
            .Start(context =>
            {
                // A task per counted stage, made when its first count arrives: stages that count nothing draw no bar.
                ProgressTask? task = null;
                string? stage = null;
                return load(new DataSink(
                    line => AnsiConsole.MarkupLine(Markup.Escape(Stamp(line))),
                    p =>
                    {
                        if (task is null || stage != p.Description)
                        {
                            task?.StopTask();
                            stage = p.Description;
                            task = context.AddTask(Markup.Escape(p.Description), maxValue: Math.Max(p.Total, 1));
                        }
                        task.MaxValue = Math.Max(p.Total, 1);
                        task.Value = p.Done;
                    }));
            });
    }

    /// <summary>Takes a loader's lines and, through <see cref="IProgress{T}"/> of <see cref="WorkProgress"/>, its counts.</summary>
    private sealed class DataSink(Action<string> line, Action<WorkProgress> count) : IProgress<string>, IProgress<WorkProgress>
    {
        public void Report(string value) => line(value);

        public void Report(WorkProgress value) => count(value);
    }

    /// <summary>A line when a counted stage passes 25, 50, 75 and 100 %.</summary>
    internal sealed class QuarterLines(Action<string> write)
    {
        private string? stage;
        private long quarter;

        public void Report(WorkProgress p)
        {
            if (p.Total <= 0) return;
            if (stage != p.Description)
            {
                stage = p.Description;
                quarter = 0;
            }
            long reached = Math.Clamp(4 * p.Done / p.Total, 0, 4);
            if (reached <= quarter) return;
            quarter = reached;
            write($"{p.Description}: {25 * reached}% ({p.Done:N0} of {p.Total:N0})");
        }
    }
}
