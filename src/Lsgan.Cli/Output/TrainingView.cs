using Lsgan.Training;
using Spectre.Console;

namespace Lsgan.Cli.Output;

/// <summary>
/// Shows training progress: a live bar (epoch, step, losses, images/s, ETA) on a terminal, a plain
/// line per epoch when output goes to a file or pipe.
/// </summary>
internal static class TrainingView
{
    public static TrainingOutcome Run(Func<IProgress<TrainingProgress>, TrainingOutcome> train)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
            return train(new CallbackProgress<TrainingProgress>(WritePlainLine));

        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                return train(new CallbackProgress<TrainingProgress>(p =>
                {
                    if (p.Message is not null)
                    {
                        AnsiConsole.MarkupLine(Markup.Escape(p.Message));
                        return;
                    }
                    task.MaxValue = Math.Max(p.TotalSteps, 1);
                    task.Value = p.Step;
                    task.Description = Markup.Escape(Describe(p));
                }));
            });
    }

    private static void WritePlainLine(TrainingProgress p)
    {
        if (p.Message is not null) Console.WriteLine(p.Message);
        else if (p.StepInEpoch == p.StepsPerEpoch || p.Step == p.TotalSteps) Console.WriteLine(Describe(p));
    }

    private static string Describe(TrainingProgress p)
    {
        string text = $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.TotalSteps}";
        if (p.Latest is { } m)
            text += $"  D {m.DLoss:F4}  G {m.GLoss:F4}  D(x) {m.DReal:F3}  D(G(z)) {m.DFake:F3}  {m.ImagesPerSecond:F0} img/s";
        return text;
    }
}
