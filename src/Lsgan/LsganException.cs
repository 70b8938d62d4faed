namespace Lsgan;

/// <summary>
/// An error caused by the user's input or environment (bad option, missing or corrupt file, a run that
/// diverged). Its message is one complete sentence that the CLI prints as is, without a stack trace.
/// </summary>
public sealed class LsganException(string message, Exception? inner = null) : Exception(message, inner);
