using System.CommandLine;

namespace Lsgan.Cli.Output;

/// <summary>The one line for a command line that does not parse: the first problem, and where to read more.</summary>
internal static class UsageError
{
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
        return $"{parsed.Errors[0].Message.TrimEnd('.')} (see 'lsgan {command.Name} --help')";
    }
}
