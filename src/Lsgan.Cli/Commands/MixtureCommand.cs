using System.CommandLine;
using Lsgan.Experiments.Mixture;
using Lsgan.IO;
using Lsgan.Losses;

namespace Lsgan.Cli.Commands;

/// <summary>lsgan mixture: the paper's Gaussian-mixture stability test, over seeds and losses.</summary>
internal static class MixtureCommand
{
    public static Command Create()
    {
        var losses = Options.Make("--loss", "ls, bce, or both as 'ls,bce' (each over every seed)", "ls");
        var labels = Options.Make("--labels", "least-squares preset: 01 = (a,b,c) = (0,1,1), chi2 = (-1,1,0)", "01");
        var layout = Options.Make("--layout", "ring (K modes on a circle of radius 1, σ 0.01: the paper's) or grid (5x5, spacing 2, σ 0.05)", "ring");
        var modes = Options.Make("--modes", "modes of a ring (a grid has 25)", 8);
        var steps = Options.Make("--steps", "training steps (each one D update and one G update)", 35_000);
        var evalEvery = Options.Make("--eval-every", "steps between evaluations and pictures", 5_000);
        var points = Options.Make("--points", "generated points per evaluation (fixed z)", 2_500);
        var threshold = Options.Make("--mode-threshold", "high-quality (or near) points a mode needs to count as covered (or near)", 20);
        var seed = Options.Make("--seed", "first seed", 0L);
        var seeds = Options.Make("--seeds", "runs per loss, seeds --seed, --seed+1, …", 1);
        var jobs = Options.Make("--jobs", "runs trained at the same time (each on --threads libtorch threads)", 1);
        var update = Options.Make("--update", "alternating (D's update, then G's through the updated D: the paper's objective, as lsgan train) or simultaneous (both gradients before either moves: the authors' code)", "alternating");
        var threads = Options.Threads("libtorch threads (these nets are tiny: one is enough)", 1);
        var output = new Option<string>("--out")
        {
            Description = "output directory (new or empty; with several runs, a set that stopped early is resumed: finished runs are kept, cut-off ones trained again)",
            Required = true,
        };
        var command = new Command("mixture",
            "Train on a 2-D Gaussian mixture and measure mode coverage over time (Mao et al. 2017, Sec. 4.3). Every "
            + "--eval-every steps, on --points generated points from fixed z: each point's nearest mode, 'high quality' "
            + "if within 3σ of it; modes covered = modes with at least --mode-threshold high-quality points; KL = "
            + "KL(nearest-mode histogram ‖ uniform) in nats; 'near' if within a quarter of the smallest distance between "
            + "two centres (0.19 on the ring of 8, 0.5 on the grid), modes near = modes with at least --mode-threshold near "
            + "points. A run that ends with ≤ 1 mode near counts as collapsed. Several runs also write summary.json and "
            + "figure-seed<S>.png (the losses side by side over time).")
        {
            losses, labels, layout, modes, steps, evalEvery, points, threshold, seed, seeds, jobs, update, threads, output,
        };
        command.SetAction(p =>
        {
            var lossKinds = p.GetValue(losses)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var preset = LossConfig.Preset(p.GetValue(labels)!)
                ?? throw new LsganException($"Unknown --labels '{p.GetValue(labels)}' (expected 01 or chi2).");
            var mixture = p.GetValue(layout) == "grid" ? MixtureLayout.Grid25 : new MixtureLayout(p.GetValue(layout)!, p.GetValue(modes));
            var configs = lossKinds.Select(kind => new MixtureConfig(mixture, kind == "ls" ? preset : new LossConfig(kind),
                p.GetValue(steps), p.GetValue(evalEvery), p.GetValue(points), p.GetValue(threshold), p.GetValue(seed),
                Simultaneous: p.GetValue(update) == "simultaneous")).ToList();
            var errors = configs.SelectMany(c => c.Validate()).Distinct().ToList();
            if (p.GetValue(seeds) is < 1 or > 1000) errors.Add($"--seeds must be in 1..1000, got {p.GetValue(seeds)}");
            if (p.GetValue(jobs) is < 1 or > 64) errors.Add($"--jobs must be in 1..64, got {p.GetValue(jobs)}");
            if (p.GetValue(update) is not ("alternating" or "simultaneous"))
                errors.Add($"--update must be alternating or simultaneous, got '{p.GetValue(update)}'");
            if (errors.Count > 0) throw new LsganException(string.Join("; ", errors) + ".");
            TorchSharp.torch.set_num_threads(p.GetValue(threads));
            return Run(configs, p.GetValue(seeds), p.GetValue(jobs), p.GetValue(output)!);
        });
        return command;
    }

    private static int Run(IReadOnlyList<MixtureConfig> configs, int seeds, int jobs, string output)
    {
        // One run: its files straight in --out; several: a folder per loss and seed, and a summary beside them.
        bool single = configs.Count == 1 && seeds == 1;
        // Seed by seed, the losses of a seed one after the other: stopped early, the runs that finished pair up.
        var runs = Enumerable.Range(0, seeds).SelectMany(s => configs.Select(config => config with { Seed = config.Seed + s }))
            .Select(config => (Config: config, Dir: single ? output : Path.Combine(output, RunFolder(config)))).ToList();
        var results = new IReadOnlyList<MixtureRecord>?[runs.Count];
        if (!single) Resume(output, runs, results);
        // On a terminal a bar over every run's steps (moving at each evaluation) with these lines above it; else the lines.
        Output.WorkView.Run("mixture", view =>
        {
            TrainAll(configs, runs, results, jobs, single, output, view);
            return 0;
        }, linePerReport: false);
        foreach (var s in Summaries(configs, runs, results)) Console.WriteLine(s.Describe());
        return 0;
    }

    /// <summary>
    /// Continues a set that stopped early in <paramref name="output"/>: each finished run's evaluations are read back
    /// into <paramref name="results"/>, and a run that was cut off (runs keep no checkpoints) is moved aside to
    /// <c>&lt;run&gt;.unfinished</c> and trained again. Checked before anything moves: a folder holding anything but
    /// this set's runs and files (other losses or seeds, other files), or a run of other settings, is refused as it is.
    /// </summary>
    private static void Resume(string output, List<(MixtureConfig Config, string Dir)> runs, IReadOnlyList<MixtureRecord>?[] results)
    {
        if (!Directory.Exists(output) || !Directory.EnumerateFileSystemEntries(output).Any()) return;
        var folders = runs.Select(r => Path.GetFileName(r.Dir)).ToHashSet();
        foreach (string entry in Directory.EnumerateFileSystemEntries(output).Select(e => Path.GetFileName(e)).Order())
        {
            if (!IsPartOfSet(entry, folders))
                throw new LsganException($"{output} holds {entry}, which is not part of this mixture set (other losses, seeds or files); choose a new --out directory.");
        }
        foreach (var (config, dir) in runs.Where(r => Directory.Exists(r.Dir))) MixtureRun.EnsureSameSettings(config, dir);
        for (int i = 0; i < runs.Count; i++)
        {
            var (config, dir) = runs[i];
            if (!Directory.Exists(dir)) continue;
            results[i] = MixtureRun.Finished(config, dir);
            if (results[i] is not null) continue;
            string aside = SetAside.Directory(dir, "unfinished");
            Console.Error.WriteLine($"{dir} was cut off before its last step; moved it to {aside} and training it again");
        }
        int finished = results.Count(r => r is not null);
        if (finished > 0) Console.Error.WriteLine($"{finished} of {runs.Count} runs in {output} had finished; resuming with the rest");
    }

    /// <summary>What a set's folder may hold: its runs (and those set aside), its summary and figures, a write cut off mid-way.</summary>
    private static bool IsPartOfSet(string entry, HashSet<string> runFolders) =>
        runFolders.Contains(entry) || runFolders.Any(run => entry.StartsWith(run + ".unfinished", StringComparison.Ordinal))
        || entry == SummaryFile || System.Text.RegularExpressions.Regex.IsMatch(entry, @"^figure-seed\d+\.png$")
        || (entry.StartsWith('.') && entry.EndsWith(".tmp", StringComparison.Ordinal));

    private static List<MixtureSummary> Summaries(IReadOnlyList<MixtureConfig> configs, List<(MixtureConfig Config, string Dir)> runs,
        IReadOnlyList<MixtureRecord>?[] results) =>
        [.. configs.Select(config => (config, finished: runs.Select((r, i) => (r, i))
                .Where(x => x.r.Config.Loss == config.Loss && results[x.i] is not null).Select(x => results[x.i]!).ToList()))
            .Where(x => x.finished.Count > 0)
            .Select(x => MixtureSummary.Of(x.config.Loss.Create().Describe(), x.finished))];

    private static void TrainAll(IReadOnlyList<MixtureConfig> configs, List<(MixtureConfig Config, string Dir)> runs,
        IReadOnlyList<MixtureRecord>?[] results, int jobs, bool single, string output, Output.WorkReporter view)
    {
        var gate = new Lock();
        void Say(string line)
        {
            lock (gate) view.Line(line);
        }
        var steps = new RunsProgress(runs.Count, view);
        for (int i = 0; i < runs.Count; i++)
        {
            if (results[i] is not null) steps.Finish(i, $"{runs[i].Config.Loss.Create().Describe()} seed {runs[i].Config.Seed} had finished");
        }
        // Each run has its own networks and random streams, so its numbers do not depend on --jobs. Taken in order.
        var order = System.Collections.Concurrent.Partitioner.Create(Enumerable.Range(0, runs.Count).Where(i => results[i] is null),
            System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering);
        try
        {
            Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i =>
            {
                var (config, dir) = runs[i];
                string name = $"{config.Loss.Create().Describe()} seed {config.Seed}";
                Say($"{name} → {dir}");
                var records = MixtureRun.Run(config, dir, new Output.CallbackProgress<MixtureRecord>(r =>
                {
                    Say($"  {name} step {r.Step}: {r.ModesCovered}/{r.ModeCount} modes (3σ), high quality {r.HighQualityFraction:P1}, "
                        + $"{r.ModesNear} near ({r.NearFraction:P0}), KL {r.KlFromUniform:F3}, d {r.DLoss:G4}, g {r.GLoss:G4}, {r.Seconds:F0} s");
                    steps.Update(i, r.Step, config.Steps, $"{name} step {r.Step}/{config.Steps}");
                }));
                steps.Finish(i, $"{name} done");
                if (single)
                {
                    results[i] = records;
                    return;
                }
                // The summary of the runs finished so far after each, and a seed's figure once its losses are all done.
                lock (gate)
                {
                    results[i] = records;
                    WriteSummary(configs, runs, results, output);
                    WriteFigureWhenDone(runs, results, output, config.Seed);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The first run's failure as itself, so an LsganException still ends as one line.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        // A resumed set: its summary again (it may have stopped between a run's end and the summary's rewrite), and
        // the figures it stopped before drawing.
        if (!single)
        {
            WriteSummary(configs, runs, results, output);
            foreach (long seed in runs.Select(r => r.Config.Seed).Distinct()) WriteFigureWhenDone(runs, results, output, seed, onlyIfMissing: true);
        }
    }

    /// <summary>The summary of the runs finished so far.</summary>
    private static void WriteSummary(IReadOnlyList<MixtureConfig> configs, List<(MixtureConfig Config, string Dir)> runs,
        IReadOnlyList<MixtureRecord>?[] results, string output) =>
        Json.WriteFile(Path.Combine(output, SummaryFile), Summaries(configs, runs, results));

    /// <summary>The figure of <paramref name="seed"/> once its losses are all done (with <paramref name="onlyIfMissing"/>, only if not drawn yet).</summary>
    private static void WriteFigureWhenDone(List<(MixtureConfig Config, string Dir)> runs, IReadOnlyList<MixtureRecord>?[] results,
        string output, long seed, bool onlyIfMissing = false)
    {
        var sameSeed = runs.Select((r, j) => (r, j)).Where(x => x.r.Config.Seed == seed).ToList();
        string figure = Path.Combine(output, $"figure-seed{seed}.png");
        if (sameSeed.All(x => results[x.j] is not null) && !(onlyIfMissing && File.Exists(figure)))
            MixtureRun.SaveFigure([.. sameSeed.Select(x => (x.r.Config.Loss.Create().Describe(), x.r.Dir))], sameSeed[0].r.Config.Layout, figure);
    }

    /// <summary>Per loss, the summary over seeds (<see cref="MixtureSummary"/>), rewritten as each run finishes.</summary>
    public const string SummaryFile = "summary.json";

    private static string RunFolder(MixtureConfig config) => $"{config.Loss.Kind}-seed{config.Seed}";
}
