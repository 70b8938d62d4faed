using System.CommandLine;
using Lsgan.Experiments.Studies;
using Lsgan.Training;

namespace Lsgan.Cli.Commands;

/// <summary>Turns a <see cref="StudySpec"/> and the command line's fixed options into a plan and each run's experiment.</summary>
internal static class StudyGrid
{
    /// <summary>
    /// The plan: the spec's fixed options, overridden by the command line's (<paramref name="given"/>), which may not
    /// name an option an axis sets; --eval-every 1 unless given, so every run has an FID curve.
    /// </summary>
    public static StudyPlan Plan(StudySpec spec, IReadOnlyList<string> given, IReadOnlyList<long> seeds)
    {
        var givenKeys = Groups(given).Select(g => Key(g[0])).ToHashSet();
        var axisKeys = spec.Axes.SelectMany(a => a.Values).SelectMany(v => Groups(v.Arguments)).Select(g => Key(g[0])).ToHashSet();
        var clash = givenKeys.Intersect(axisKeys).Order().ToList();
        if (clash.Count > 0)
            throw new LsganException($"--{string.Join(", --", clash)} {(clash.Count == 1 ? "is" : "are")} set by the study's axes; leave {(clash.Count == 1 ? "it" : "them")} out or use a study file.");
        var fixedArguments = Groups(spec.Fixed).Where(g => !givenKeys.Contains(Key(g[0]))).SelectMany(g => g).Concat(given).ToList();
        if (!Groups(fixedArguments).Concat(spec.Axes.SelectMany(a => a.Values).SelectMany(v => Groups(v.Arguments))).Any(g => g[0] == "--eval-every"))
            fixedArguments.InsertRange(0, ["--eval-every", "1"]);
        if (seeds.Select(s => s).Distinct().Count() != seeds.Count) throw new LsganException("The study's seeds repeat.");
        return new StudyPlan(spec.Name, spec.AxisLabels(), spec.Settings(), seeds, fixedArguments);
    }

    /// <summary>Every run of the plan, setting by setting, its experiment parsed from train's options.</summary>
    public static IReadOnlyList<StudyRun> Runs(StudyPlan plan) => plan.Grid().Select(cell =>
    {
        var arguments = plan.FixedArguments.Concat(cell.Setting.Arguments).Concat(["--seed", cell.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ToList();
        var options = new TrainOptions();
        var command = new Command("train");
        foreach (var option in options.All) command.Options.Add(option);
        var parsed = command.Parse(arguments);
        if (parsed.Errors.Count > 0)
            throw new LsganException($"Study setting {cell.Setting.Name}: {parsed.Errors[0].Message} (train options: {string.Join(' ', arguments)}).");
        var config = TrainCommand.NewConfig(options, parsed);
        var errors = config.Validate().ToList();
        if (config.EvalEvery < 1) errors.Add("a study evaluates every run: --eval-every must be at least 1");
        if (errors.Count > 0) throw new LsganException($"Study setting {cell.Setting.Name}: {string.Join("; ", errors)}.");
        return new StudyRun(cell.Setting.Name, cell.Seed, config);
    }).ToList();

    // Options with their values: ["--loss", "ls", "--no-g-batchnorm"] → [["--loss", "ls"], ["--no-g-batchnorm"]].
    private static List<List<string>> Groups(IEnumerable<string> arguments)
    {
        var groups = new List<List<string>>();
        foreach (string argument in arguments)
        {
            if (argument.StartsWith("--", StringComparison.Ordinal) || groups.Count == 0) groups.Add([argument]);
            else groups[^1].Add(argument);
        }
        return groups;
    }

    // --g-batchnorm and --no-g-batchnorm set the same thing.
    private static string Key(string option) => option.TrimStart('-') is var name && name.StartsWith("no-", StringComparison.Ordinal) ? name[3..] : name;
}
