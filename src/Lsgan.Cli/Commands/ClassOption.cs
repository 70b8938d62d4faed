using System.CommandLine;
using Lsgan.Models;
using Lsgan.Training;

namespace Lsgan.Cli.Commands;

/// <summary>--class of generate and interpolate: one class, a comma-separated list, or 'all', checked against the run.</summary>
internal static class ClassOption
{
    public static Option<string?> Create(string description)
    {
        var option = Options.Optional<string>("--class", description).NotEmpty();
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { Length: > 0 } text && text != "all" && Parse(text) is null)
                result.AddError($"--class {text}: expected a class number, numbers separated by commas (3,5,7) or 'all'.");
        });
        return option;
    }

    /// <summary>The classes <paramref name="text"/> names for the run of <paramref name="config"/>; refuses classes it does not have.</summary>
    public static int[] Resolve(string text, TrainConfig config, string run)
    {
        var model = config.Model;
        if (!model.Conditional)
            throw new LsganException($"--class: {run} holds an unconditional {model.Kind} generator (trained without labels), so it has no classes to choose.");
        int[] classes = text == "all" ? [.. Enumerable.Range(0, model.Classes)] : Parse(text)!;
        if (classes.FirstOrDefault(c => c >= model.Classes) is var bad && bad >= model.Classes)
            throw new LsganException($"--class {bad}: {run} was trained on {model.Classes} classes of {config.Dataset}, numbered 0 to {model.Classes - 1}.");
        return classes;
    }

    private static int[]? Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var classes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], out classes[i]) || classes[i] < 0) return null;
        }
        return classes;
    }
}
