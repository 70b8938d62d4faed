using System.CommandLine;
using System.Diagnostics;
using Lsgan.Experiments.Studies;
using Lsgan.Reporting;
using Lsgan.Training;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan study: a grid of ordinary train runs (settings × seeds) in one directory, resumable, shardable, summarised.</summary>
internal static class StudyCommand
{
    /// <summary>Jobs at once by default: see README, "lsgan study" (measured on a 2-core machine).</summary>
    public const int DefaultJobs = 2;

    public static Command Create()
    {
        var train = new TrainOptions();
        var preset = Options.Optional<string>("--preset", $"A shipped study: {StudyPresets.Describe()}");
        var file = Options.Path("--file", "A study file (YAML or JSON): name, seeds, fixed train options, axes (see README)");
        var seeds = Options.Optional<int?>("--seeds", "Runs per setting, seeds --seed, --seed+1, … (default: the study file's, else 3)").InRange(1, 1000);
        var seed = Options.Make("--seed", "First seed", 0L);
        var jobs = Options.Make("--jobs", $"Runs at once, each with --threads / --jobs libtorch threads (default {DefaultJobs}: measured faster on 2 cores)", DefaultJobs)
            .InRange(1, 64);
        var threads = Options.Threads("libtorch threads in all, shared out among the jobs", Environment.ProcessorCount);
        var output = Options.Path("--out", "Study directory (default: studies/<preset or file name>); running again resumes it");
        var shard = Options.Optional<string>("--shard", "K/N: run only runs K, K+N, K+2N, … of the grid (1-based), e.g. one task of a Slurm job array");
        var summarize = Options.Path("--summarize", "Only summarise the finished runs in this study directory (e.g. after its shards), redraw its plots, print the table");
        var dryRun = new Option<bool>("--dry-run") { Description = "List the runs (and whether each is new, to resume or finished), then stop" };
        var command = new Command("study",
            "Run a grid of ordinary train runs (axes over any train option, times seeds) in one directory, each evaluated with "
            + "--eval-every (default 1) and at its end; summarise it (summary.json, summary.md, plots). Running the same command "
            + "again skips finished runs and resumes interrupted ones. Other train options given here are fixed for every run.")
        {
            preset, file, seeds, seed, jobs, threads, output, shard, summarize, dryRun,
        };
        var passed = train.All.Except([train.Seed, train.Threads, train.Out, train.RunsDir, train.Resume, train.DryRun, train.Device]).ToList();
        foreach (var option in passed) command.Options.Add(option);
        command.SetAction(p =>
        {
            if (p.GetValue(summarize) is { } directory)
            {
                if (p.Given(preset) || p.Given(file) || p.Given(shard)) throw new LsganException("--summarize reads a study directory; give it alone.");
                return Summarize(directory);
            }
            var spec = Spec(p.GetValue(preset), p.GetValue(file));
            var given = passed.Except([train.DataDir, train.StopOnCollapse]).Where(p.Given)
                .SelectMany(o => (IEnumerable<string>)[o.Name, .. p.GetResult(o)!.Tokens.Select(t => t.Value)]).ToList();
            int seedCount = p.GetValue(seeds) ?? spec.Seeds ?? 3;
            var plan = StudyGrid.Plan(spec, given, Enumerable.Range(0, seedCount).Select(i => p.GetValue(seed) + i).ToList());
            var runs = StudyGrid.Runs(plan);
            if (p.GetValue(shard) is { } part) runs = StudyPlan.Shard(runs, ParseShard(part).Index, ParseShard(part).Count);
            string dir = p.GetValue(output) ?? Path.Combine("studies", plan.Name);
            var study = new Study(dir, runs) { StopOnCollapse = p.GetValue(train.StopOnCollapse), CheckpointWritten = LossPlot.Save };
            if (p.GetValue(dryRun)) return DryRun(study, plan, runs);
            int perJob = Math.Max(1, p.GetValue(threads) / p.GetValue(jobs));
            return Run(study, plan, p.GetValue(jobs), perJob, p.GetValue(train.DataDir));
        });
        return command;
    }

    private static StudySpec Spec(string? preset, string? file)
    {
        if ((preset is null) == (file is null)) throw new LsganException("Give a study: --preset NAME or --file PATH (one of them).");
        if (file is not null) return StudyFile.Read(file);
        return StudyPresets.All.TryGetValue(preset!, out var found) ? found.Spec
            : throw new LsganException($"Unknown --preset '{preset}' (expected one of: {string.Join(", ", StudyPresets.All.Keys)}).");
    }

    private static (int Index, int Count) ParseShard(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int k) && int.TryParse(parts[1], out int n) && n >= 1 && k >= 1 && k <= n) return (k, n);
        throw new LsganException($"--shard must be K/N with 1 ≤ K ≤ N, e.g. 2/4; got '{text}'.");
    }

    private static int DryRun(Study study, StudyPlan plan, IReadOnlyList<StudyRun> runs)
    {
        var states = Directory.Exists(study.Directory) ? study.Inspect().Select(s => s.State.ToString().ToLowerInvariant()).ToList() : runs.Select(_ => "new").ToList();
        Console.WriteLine($"Study {plan.Name} in {study.Directory}: {runs.Count} runs");
        foreach (var (run, state) in runs.Zip(states))
        {
            var setting = plan.Settings.First(s => s.Name == run.Setting);
            Console.WriteLine($"{run.DirectoryName,-32} {state,-8} {string.Join(' ', plan.FixedArguments.Concat(setting.Arguments))} --seed {run.Seed}");
        }
        return 0;
    }

    private static int Run(Study study, StudyPlan plan, int jobs, int threadsPerJob, string? dataDir)
    {
        var clock = Stopwatch.StartNew();
        plan.Save(study.Directory);
        var statuses = study.Inspect();
        int finished = statuses.Count(s => s.State == StudyRunState.Finished), resumed = statuses.Count(s => s.State == StudyRunState.Resume);
        Console.Error.WriteLine($"Study {plan.Name} in {study.Directory}: {statuses.Count} runs here, {finished} finished, {resumed} to resume, "
            + $"{statuses.Count - finished - resumed} new; {jobs} job(s) x {threadsPerJob} thread(s).");
        bool complete = true;
        if (finished < statuses.Count)
        {
            // Process-wide: every job's libtorch operations use this many threads.
            TorchSharp.torch.set_num_threads(threadsPerJob);
            using var data = new StudyData(dataDir);
            // On a terminal a bar over all the runs' steps with the runs' lines above it; else the lines (a run's start,
            // epochs and end, each prefixed with [k/n run], so two jobs' lines stay apart).
            complete = Output.StopSignals.Stoppable(cancel => Output.WorkView.Run("study", view =>
                study.Run(statuses, data, jobs, new Output.CallbackProgress<string>(view.Line), cancel, view), linePerReport: false));
        }
        if (!complete)
        {
            Console.Error.WriteLine($"Stopped; each run under way saved a checkpoint. Run the same command again to resume ({clock.Elapsed.TotalSeconds:F0} s).");
            return Output.StopSignals.ExitCode;
        }
        Summarize(study.Directory);
        Console.Error.WriteLine($"Study done in {clock.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    private static int Summarize(string directory)
    {
        RunPaths.RequireRunFolder(directory, "--summarize");
        var plan = StudyPlan.Load(directory);
        var summary = StudySummary.Read(directory, plan);
        summary.Save(directory);
        SavePlots(directory, summary);
        Console.WriteLine(summary.ToMarkdown());
        return 0;
    }

    /// <summary>fid.png (FID vs step per setting) and samples.png (a row per setting: its lowest finished seed, the same z).</summary>
    private static void SavePlots(string directory, StudySummary summary)
    {
        var scored = summary.Settings.Select(s => (s.Setting.Name, Runs: s.Runs.Where(r => !r.Diverged && r.Final is not null).ToList())).ToList();
        StudyPlot.SaveFidCurves(scored.Select(s => (s.Name, (IReadOnlyList<IReadOnlyList<EvaluationRecord>>)s.Runs.Select(r => r.Evaluations).ToList())).ToList(),
            Path.Combine(directory, "fid.png"), $"study {summary.Plan.Name}: FID vs step");
        StudyPlot.SaveSamples(scored.Where(s => s.Runs.Count > 0).Select(s => (s.Name, Path.Combine(directory, StudyRun.RunName(s.Name, s.Runs[0].Seed)))).ToList(),
            Path.Combine(directory, "samples.png"));
    }
}
