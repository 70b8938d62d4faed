using System.Runtime.InteropServices;

namespace Lsgan.Cli.Output;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM for long commands: the first asks the work for a checkpoint and a clean stop (through the
/// token), a second one kills at once. SIGTERM is what `kill`, Slurm at a job's time limit and container stops send, so
/// a run stopped that way keeps its last step as a Ctrl-C does.
/// </summary>
internal static class StopSignals
{
    /// <summary>The exit code of a command stopped by a signal: 128 + the signal's number, as shells report it.</summary>
    public static int ExitCode { get; private set; } = 130;

    public static T Stoppable<T>(Func<CancellationToken, T> work)
    {
        using var cancel = new CancellationTokenSource();
        void Stop(PosixSignalContext context, int exitCode)
        {
            if (cancel.IsCancellationRequested) return; // the second signal: the default action, which ends the process
            context.Cancel = true;
            ExitCode = exitCode;
            cancel.Cancel();
        }

        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, 130));
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, 143));
        return work(cancel.Token);
    }
}
