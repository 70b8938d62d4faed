using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Lsgan.IO;
using Lsgan.Metrics;
using Lsgan.Training;

namespace Lsgan.Experiments.Studies;

/// <summary>
/// A study's summary over whatever finished runs its directory holds (so shards merge by being summarised together):
/// per setting, over seeds, mean/std/min/max of the final and of the best (lowest-FID) evaluation's metrics, and counts
/// of diverged and collapsed runs; and paired comparisons of settings that differ on one axis, seed by seed, with a 95 %
/// t interval of the mean difference. Holds no timings, so the same runs always give the same bytes.
/// </summary>
public sealed class StudySummary
{
    /// <summary>The metrics summarised, by their key in summary.json.</summary>
    public static readonly IReadOnlyList<(string Key, Func<EvaluationReport, double> Value)> Metrics =
    [
        ("fid", r => r.Fid), ("precision", r => r.Precision), ("recall", r => r.Recall), ("coverage", r => r.Coverage),
        ("classes_covered", r => r.ClassesCovered),
    ];

    private static readonly string[] ComparedMetrics = ["fid_final", "fid_best"];

    private StudySummary(StudyPlan plan, IReadOnlyList<(StudySetting Setting, IReadOnlyList<StudyRunResult> Runs)> settings) =>
        (Plan, Settings) = (plan, settings);

    public StudyPlan Plan { get; }

    /// <summary>Each setting with its finished runs, in the plan's order.</summary>
    public IReadOnlyList<(StudySetting Setting, IReadOnlyList<StudyRunResult> Runs)> Settings { get; }

    /// <summary>Reads every finished run of <paramref name="plan"/> in <paramref name="directory"/>.</summary>
    public static StudySummary Read(string directory, StudyPlan plan) => new(plan, plan.Settings
        .Select(s => (s, (IReadOnlyList<StudyRunResult>)plan.Seeds
            .Select(seed => StudyRunResult.Read(Path.Combine(directory, StudyRun.RunName(s.Name, seed)), seed))
            .OfType<StudyRunResult>().ToList()))
        .ToList());

    /// <summary>Writes summary.json and summary.md into <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        AtomicFile.WriteAllText(Path.Combine(directory, "summary.json"), ToJson().ToJsonString(Json.Indented) + "\n");
        AtomicFile.WriteAllText(Path.Combine(directory, "summary.md"), ToMarkdown());
    }

    public JsonObject ToJson()
    {
        var settings = new JsonArray();
        foreach (var (setting, runs) in Settings)
        {
            var entry = new JsonObject
            {
                ["name"] = setting.Name,
                ["labels"] = new JsonObject(Plan.Axes.Select((axis, i) => KeyValuePair.Create(axis.Name, (JsonNode?)setting.Labels[i]))),
                ["arguments"] = new JsonArray(setting.Arguments.Select(a => (JsonNode?)a).ToArray()),
                ["runs"] = runs.Count,
                ["seeds"] = new JsonArray(runs.Select(r => (JsonNode?)r.Seed).ToArray()),
                ["diverged"] = runs.Count(r => r.Diverged),
                ["collapsed"] = runs.Count(r => r.Collapsed),
            };
            foreach (var (key, value) in Metrics)
            {
                foreach (var (which, pick) in new (string, Func<StudyRunResult, EvaluationReport?>)[] { ("final", r => r.Final), ("best", r => r.Best) })
                {
                    var values = Scored(runs).Select(r => value(pick(r)!)).ToList();
                    entry[$"{key}_{which}_mean"] = values.Count > 0 ? values.Average() : null;
                    entry[$"{key}_{which}_std"] = Stats.Std(values);
                    entry[$"{key}_{which}_min"] = values.Count > 0 ? values.Min() : null;
                    entry[$"{key}_{which}_max"] = values.Count > 0 ? values.Max() : null;
                }
            }
            settings.Add(entry);
        }
        var comparisons = new JsonArray();
        foreach (var c in Comparisons())
        {
            comparisons.Add(new JsonObject
            {
                ["name"] = c.Name, ["axis"] = c.Axis, ["metric"] = c.Metric,
                ["seeds"] = new JsonArray(c.Seeds.Select(s => (JsonNode?)s).ToArray()),
                ["differences"] = new JsonArray(c.Differences.Select(d => (JsonNode?)d).ToArray()),
                ["mean"] = c.Mean, ["std"] = Stats.Std(c.Differences), ["ci95_low"] = c.Low, ["ci95_high"] = c.High,
                ["beyond_seed_noise"] = c.BeyondSeedNoise,
            });
        }
        return new JsonObject
        {
            ["study"] = Plan.Name,
            ["collapse_rule"] = CollapseRule.Description,
            ["settings"] = settings,
            ["comparisons"] = comparisons,
        };
    }

    /// <summary>
    /// For each axis, each value against the axis's first (e.g. ls − bce), within every combination of the other
    /// axes' values, on the seeds both settings finished without diverging.
    /// </summary>
    public IReadOnlyList<StudyComparison> Comparisons()
    {
        var result = new List<StudyComparison>();
        for (int a = 0; a < Plan.Axes.Count; a++)
        {
            var axis = Plan.Axes[a];
            foreach (var (baseline, baseRuns) in Settings.Where(s => s.Setting.Labels[a] == axis.Values[0]))
            {
                foreach (var (other, otherRuns) in Settings.Where(s => s.Setting.Labels[a] != axis.Values[0]
                    && s.Setting.Labels.Where((_, i) => i != a).SequenceEqual(baseline.Labels.Where((_, i) => i != a))))
                {
                    string where = string.Join(", ", Plan.Axes.Select((x, i) => (x, i)).Where(p => p.i != a).Select(p => $"{p.x.Name} {baseline.Labels[p.i]}"));
                    string name = $"{other.Labels[a]} − {baseline.Labels[a]}" + (where.Length > 0 ? $" ({where})" : "");
                    var pairs = Scored(baseRuns).Join(Scored(otherRuns), r => r.Seed, r => r.Seed, (b, o) => (b, o)).OrderBy(p => p.b.Seed).ToList();
                    if (pairs.Count == 0) continue;
                    foreach (string metric in ComparedMetrics)
                    {
                        Func<StudyRunResult, double> get = metric == "fid_final" ? r => r.Final!.Fid : r => r.Best!.Fid;
                        var differences = pairs.Select(p => get(p.o) - get(p.b)).ToList();
                        var (mean, low, high) = StudentT.Interval(differences);
                        result.Add(new StudyComparison(name, axis.Name, metric, pairs.Select(p => p.b.Seed).ToList(), differences, mean, low, high));
                    }
                }
            }
        }
        return result;
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Study: {Plan.Name}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Mean ± std over seeds (min–max); final = last evaluation, best = the evaluation with the lowest FID. "
            + $"Collapsed: {CollapseRule.Description} at the last evaluation. Diverged runs (NaN stop) are counted, not averaged.\n\n");
        text.Append("| setting | runs | diverged | collapsed | FID final | FID best | precision | recall | coverage | classes covered |\n");
        text.Append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var (setting, runs) in Settings)
        {
            var scored = Scored(runs).ToList();
            string Cell(Func<EvaluationReport, double> value, bool best = false, bool range = false)
            {
                var values = scored.Select(r => value(best ? r.Best! : r.Final!)).ToList();
                if (values.Count == 0) return "–";
                string cell = Format(values.Average()) + (Stats.Std(values) is { } std ? $" ± {Format(std)}" : "");
                return range ? $"{cell} ({Format(values.Min())}–{Format(values.Max())})" : cell;
            }
            text.Append(CultureInfo.InvariantCulture, $"| {setting.Name} | {runs.Count} | {runs.Count(r => r.Diverged)} | {runs.Count(r => r.Collapsed)} "
                + $"| {Cell(r => r.Fid, range: true)} | {Cell(r => r.Fid, best: true, range: true)} | {Cell(r => r.Precision)} "
                + $"| {Cell(r => r.Recall)} | {Cell(r => r.Coverage)} | {Cell(r => r.ClassesCovered)} |\n");
        }
        var comparisons = Comparisons();
        if (comparisons.Count > 0)
        {
            text.Append("\nPaired by seed: the difference of each seed's FIDs, its mean and 95 % t interval; beyond seed noise when the interval excludes 0 "
                + "(negative: the setting named first, e.g. ls in ls − bce, has the lower, better FID).\n\n");
            text.Append("| comparison | metric | seeds | mean difference | 95 % interval | beyond seed noise |\n");
            text.Append("| --- | --- | --- | --- | --- | --- |\n");
            foreach (var c in comparisons)
            {
                string interval = c.Low is { } low && c.High is { } high ? $"[{Format(low)}, {Format(high)}]" : "– (one seed)";
                text.Append(CultureInfo.InvariantCulture, $"| {c.Name} | {c.Metric} | {c.Seeds.Count} | {Format(c.Mean)} | {interval} | {(c.BeyondSeedNoise ? "yes" : "no")} |\n");
            }
        }
        return text.ToString();
    }

    // Runs whose metrics count: finished, evaluated, not diverged.
    private static IEnumerable<StudyRunResult> Scored(IEnumerable<StudyRunResult> runs) => runs.Where(r => !r.Diverged && r.Final is not null);

    private static string Format(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
