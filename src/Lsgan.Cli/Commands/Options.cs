using System.CommandLine;
using System.CommandLine.Parsing;

namespace Lsgan.Cli.Commands;

/// <summary>
/// Small helpers that keep option declarations one line each, and the one validation path every command uses:
/// ranges, limits and non-empty paths are option validators, so a bad value is a usage error (exit 2) found
/// while parsing, before any command loads data or a model, and each limit is stated in --help.
/// </summary>
internal static class Options
{
    public static Option<T> Make<T>(string name, string description, T defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    public static Option<T?> Optional<T>(string name, string description) => new(name) { Description = description };

    /// <summary>A file or folder path option; an empty path is refused.</summary>
    public static Option<string?> Path(string name, string description) => Optional<string>(name, description).NotEmpty();

    /// <summary>--threads of every command: at least 1 and at most the machine's logical cores.</summary>
    public static Option<int> Threads(string description, int defaultValue) =>
        Make("--threads", $"{description} (1 to {Limits.MaxThreads}, the logical cores)", Math.Min(defaultValue, Limits.MaxThreads))
            .InRange(1, Limits.MaxThreads, "the logical cores of this machine: more threads only wait on each other");

    /// <summary>--device: a libtorch device this build can use.</summary>
    public static Option<string> Device(string defaultValue)
    {
        var option = Make("--device", "cpu, or a libtorch device such as cuda:0 (needs a CUDA build of lsgan)", defaultValue);
        option.Validators.Add(result =>
        {
            if (result.TryValue(out string? value) && value is not null && Limits.DeviceError(value) is { } error)
                result.AddError($"--device '{value}': {error} (use --device cpu)");
        });
        return option;
    }

    /// <summary>Refuses values outside [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="why"/> explains the maximum.</summary>
    public static Option<int> InRange(this Option<int> option, int min, int max, string? why = null)
    {
        option.Validators.Add(result =>
        {
            if (result.TryValue(out int value) && (value < min || value > max))
                result.AddError($"{option.Name} must be between {min:N0} and {max:N0}{(why is null ? "" : $" ({why})")}, got {value:N0}.");
        });
        return option;
    }

    /// <summary>As <see cref="InRange(Option{int}, int, int, string?)"/> for an option without a default.</summary>
    public static Option<int?> InRange(this Option<int?> option, int min, int max, string? why = null)
    {
        option.Validators.Add(result =>
        {
            if (result.TryValue(out int? given) && given is { } value && (value < min || value > max))
                result.AddError($"{option.Name} must be between {min:N0} and {max:N0}{(why is null ? "" : $" ({why})")}, got {value:N0}.");
        });
        return option;
    }

    /// <summary>Refuses any value but the <paramref name="allowed"/> ones.</summary>
    public static Option<int> OneOf(this Option<int> option, params int[] allowed)
    {
        option.Validators.Add(result =>
        {
            if (result.TryValue(out int value) && !allowed.Contains(value))
                result.AddError($"{option.Name} must be {string.Join(" or ", allowed)}, got {value}.");
        });
        return option;
    }

    /// <summary>Refuses an empty or blank string (a path such as --out "" names nothing).</summary>
    public static Option<T> NotEmpty<T>(this Option<T> option)
    {
        option.Validators.Add(result =>
        {
            if (result.TryValue(out T? given) && given is string value && string.IsNullOrWhiteSpace(value))
                result.AddError($"{option.Name} must not be empty.");
        });
        return option;
    }

    /// <summary>Refuses an empty or blank argument.</summary>
    public static Argument<string> NotEmpty(this Argument<string> argument)
    {
        argument.Validators.Add(result =>
        {
            if (result.TryValue(out string? value) && string.IsNullOrWhiteSpace(value))
                result.AddError($"The {argument.Name} path must not be empty.");
        });
        return argument;
    }

    /// <summary>
    /// The value of an option or argument, false when it did not parse: validators still run then, and
    /// the parse error is what the user should see.
    /// </summary>
    private static bool TryValue<T>(this SymbolResult result, out T? value)
    {
        try
        {
            value = result switch
            {
                OptionResult option => option.GetValueOrDefault<T>(),
                ArgumentResult argument => argument.GetValueOrDefault<T>(),
                _ => default,
            };
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>True when the user typed the option (as opposed to its default applying).</summary>
    public static bool Given(this ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };
}
