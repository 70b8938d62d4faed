using Spectre.Console;

namespace Lsgan.Cli.Output;

/// <summary>The live bar the long jobs share: description, bar, percentage, elapsed and remaining time, spinner.</summary>
internal static class ProgressBars
{
    /// <param name="autoClear">Whether the bars vanish when the work ends (loading stages) or stay (the job's result).</param>
    public static Progress WithRemainingTime(bool autoClear) =>
        AnsiConsole.Progress()
            .AutoClear(autoClear)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn());
}
