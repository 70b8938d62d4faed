namespace Lsgan.Cli.Output;

/// <summary>
/// Ctrl-C for long commands: the first asks the work for a checkpoint and a clean stop (through the token), a second
/// one kills at once.
/// </summary>
internal static class CtrlC
{
    public static T Stoppable<T>(Func<CancellationToken, T> work)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return work(cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
