using System.CommandLine;
using System.CommandLine.Parsing;

namespace Lsgan.Cli.Commands;

/// <summary>Small helpers that keep option declarations one line each.</summary>
internal static class Options
{
    public static Option<T> Make<T>(string name, string description, T defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    public static Option<T?> Optional<T>(string name, string description) => new(name) { Description = description };

    /// <summary>True when the user typed the option (as opposed to its default applying).</summary>
    public static bool Given(this ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };
}
