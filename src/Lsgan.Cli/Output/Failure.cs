using System.Runtime.InteropServices;
using System.Security;

namespace Lsgan.Cli.Output;

/// <summary>
/// The one place that turns a failure into one line on stderr and an exit code: expected failures (the
/// library's <see cref="LsganException"/>, I/O and permission errors, a machine out of memory) exit 1 naming the
/// file where the exception carries one; anything else is a bug and says "unexpected" with exit 70.
/// </summary>
internal static class Failure
{
    public const int Expected = 1;
    public const int Usage = 2;
    public const int Bug = 70;

    /// <summary>Writes the line for <paramref name="e"/> and returns the exit code.</summary>
    public static int Report(Exception e)
    {
        e = Unwrap(e);
        if (Describe(e) is { } line)
        {
            WriteLine(line);
            return Expected;
        }
        WriteLine($"unexpected {e.GetType().Name}: {FirstLine(e.Message)} (set LSGAN_DEBUG=1 for the stack trace)");
        return Bug;
    }

    /// <summary>The line for an expected failure, or null when <paramref name="e"/> is a bug.</summary>
    public static string? Describe(Exception e) => Unwrap(e) switch
    {
        LsganException l => FirstLine(l.Message),
        FileNotFoundException { FileName: { } file } f when !f.Message.Contains(file) => $"{file} does not exist ({FirstLine(f.Message)}).",
        // The BCL names the path in these messages ("Access to the path '/x' is denied.", "No space left on device : '/x'").
        IOException io => $"cannot read or write a file: {FirstLine(io.Message)}",
        UnauthorizedAccessException or SecurityException => $"permission denied: {FirstLine(Unwrap(e).Message)}",
        OutOfMemoryException =>
            "out of memory; try a smaller --count, --batch-size or --eval-samples.",
        ExternalException x when x.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase) =>
            "libtorch ran out of memory; try a smaller --count, --batch-size or --eval-samples.",
        _ => null,
    };

    /// <summary>Writes "lsgan: <paramref name="message"/>" to stderr; never throws (stderr may be closed or a broken pipe).</summary>
    public static void WriteLine(string message)
    {
        try
        {
            Console.Error.WriteLine($"lsgan: {message}");
            Console.Error.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            // Nowhere left to say it: the exit code still tells.
        }
    }

    /// <summary>A parallel loop or a task wraps the real failure: report that one.</summary>
    private static Exception Unwrap(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        TypeInitializationException { InnerException: { } inner } => Unwrap(inner),
        _ => e,
    };

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd();
}
