using System.CommandLine;
using System.Text.RegularExpressions;

namespace Lsgan.Cli.Output;

/// <summary>The one line for a command line that does not parse: the first problem, and where to read more.</summary>
internal static partial class UsageError
{
    /// <summary>"Cannot parse argument 'x' for option '--lr' as expected type 'System.Nullable`1[System.Double]'" in plain words.</summary>
    private static string Plain(string message)
    {
        var match = ParseFailure().Match(message);
        if (!match.Success) return message;
        string type = match.Groups["type"].Value;
        string expected = type.Contains("Int") ? "a whole number" + (type.Contains("64") ? "" : $" up to {int.MaxValue:N0}")
            : type.Contains("Double") || type.Contains("Single") ? "a finite number" : "a value of another kind";
        return $"{match.Groups["option"].Value} must be {expected}, got '{match.Groups["value"].Value}'";
    }

    public static string Describe(RootCommand root, ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        if (command == root)
        {
            string commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
            // System.CommandLine would say "Required command was not provided" for a misspelt command.
            return parsed.UnmatchedTokens.FirstOrDefault() switch
            {
                null => $"no command given; the commands are {commands} (see 'lsgan --help')",
                ['-', ..] option => $"unknown option '{option}' before a command; the commands are {commands} (see 'lsgan --help')",
                { } word => $"unknown command '{word}'; the commands are {commands} (see 'lsgan --help')",
            };
        }
        return $"{Plain(parsed.Errors[0].Message).TrimEnd('.')} (see 'lsgan {command.Name} --help')";
    }

    [GeneratedRegex("^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'")]
    private static partial Regex ParseFailure();
}
