namespace Lsgan.Tests.Data;

/// <summary>Runs an operation that could hang (on a named pipe, a loop) on its own thread with a time limit.</summary>
public static class Bounded
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>Asserts that <paramref name="function"/> returns within the limit, and returns its result.</summary>
    public static T Completes<T>(Func<T> function)
    {
        var task = Task.Factory.StartNew(function, CancellationToken.None, TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.True(Task.WaitAny([task], Limit) == 0, $"still running after {Limit.TotalSeconds} s");
        return task.Result;
    }

    /// <summary>Asserts that <paramref name="action"/> ends within the limit by throwing an LsganException.</summary>
    public static LsganException Refuses(Action action, TimeSpan? limit = null)
    {
        // A dedicated background thread: if the code under test blocks forever, it cannot stall the test run.
        var task = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.True(Task.WaitAny([task], limit ?? Limit) == 0, $"still running after {(limit ?? Limit).TotalSeconds} s");
        return Assert.IsType<LsganException>(task.Exception?.InnerException);
    }
}
