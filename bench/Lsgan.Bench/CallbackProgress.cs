namespace Lsgan.Bench;

/// <summary>Calls back on the training thread, so timestamps are taken the moment a step reports.</summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
