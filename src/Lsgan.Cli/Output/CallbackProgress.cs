namespace Lsgan.Cli.Output;

/// <summary>
/// Calls back on the reporting thread. (System.Progress posts to the thread pool, which would let
/// bar updates arrive out of order.)
/// </summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
