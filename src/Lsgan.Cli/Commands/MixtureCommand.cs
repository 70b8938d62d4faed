using System.CommandLine;
using Lsgan.Cli.Output;
using Lsgan.Experiments;
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
        var steps = Options.Make("--steps", "G updates (each after one D update)", 35_000);
        var evalEvery = Options.Make("--eval-every", "steps between evaluations and pictures", 5_000);
        var points = Options.Make("--points", "generated points per evaluation (fixed z)", 2_500);
        var threshold = Options.Make("--mode-threshold", "high-quality points (within 3σ of the nearest centre) a mode needs to count as covered", 20);
        var seed = Options.Make("--seed", "first seed", 0L);
        var seeds = Options.Make("--seeds", "runs per loss, seeds --seed, --seed+1, …", 1);
        var threads = Options.Threads("libtorch threads (these nets are tiny: one is enough)", 1);
        var output = new Option<string>("--out") { Description = "output directory (new or empty)", Required = true };
        var command = new Command("mixture",
            "Train on a 2-D Gaussian mixture and measure mode coverage over time (Mao et al. 2017, Sec. 4.3). Every "
            + "--eval-every steps, on --points generated points from fixed z: each point's nearest mode, 'high quality' "
            + "if within 3σ of it; modes covered = modes with at least --mode-threshold high-quality points; KL = "
            + "KL(nearest-mode histogram ‖ uniform). A run that ends covering ≤ 1 mode counts as collapsed.")
        {
            losses, labels, layout, modes, steps, evalEvery, points, threshold, seed, seeds, threads, output,
        };
        command.SetAction(p =>
        {
            var lossKinds = p.GetValue(losses)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var preset = LossConfig.Preset(p.GetValue(labels)!)
                ?? throw new LsganException($"Unknown --labels '{p.GetValue(labels)}' (expected 01 or chi2).");
            var mixture = p.GetValue(layout) == "grid" ? MixtureLayout.Grid25 : new MixtureLayout(p.GetValue(layout)!, p.GetValue(modes));
            var configs = lossKinds.Select(kind => new MixtureConfig(mixture, kind == "ls" ? preset : new LossConfig(kind),
                p.GetValue(steps), p.GetValue(evalEvery), p.GetValue(points), p.GetValue(threshold), p.GetValue(seed))).ToList();
            var errors = configs.SelectMany(c => c.Validate()).Distinct().ToList();
            if (p.GetValue(seeds) is < 1 or > 1000) errors.Add($"--seeds must be in 1..1000, got {p.GetValue(seeds)}");
            if (errors.Count > 0) throw new LsganException(string.Join("; ", errors) + ".");
            TorchSharp.torch.set_num_threads(p.GetValue(threads));
            return Run(configs, p.GetValue(seeds), p.GetValue(output)!);
        });
        return command;
    }

    private static int Run(IReadOnlyList<MixtureConfig> configs, int seeds, string output)
    {
        // One run: its files straight in --out; several: a folder per loss and seed, and a summary beside them.
        bool single = configs.Count == 1 && seeds == 1;
        // The bar counts the steps of every run and moves at each evaluation; off a terminal the evaluation lines are the progress.
        long totalSteps = configs.Sum(c => (long)c.Steps) * seeds, stepsBefore = 0;
        var summaries = WorkView.Run("mixture", progress => configs.Select(config =>
        {
            var runs = new List<IReadOnlyList<MixtureRecord>>();
            for (int s = 0; s < seeds; s++)
            {
                var seeded = config with { Seed = config.Seed + s };
                string dir = single ? output : Path.Combine(output, $"{config.Loss.Kind}-seed{seeded.Seed}");
                string run = $"{config.Loss.Create().Describe()} seed {seeded.Seed}";
                progress.Line($"{run} → {dir}");
                progress.Report(new WorkProgress(stepsBefore, totalSteps, run));
                runs.Add(MixtureRun.Run(seeded, dir, new CallbackProgress<MixtureRecord>(r =>
                {
                    progress.Line($"  step {r.Step}: {r.ModesCovered}/{r.ModeCount} modes, high quality {r.HighQualityFraction:P1}, KL {r.KlFromUniform:F3}, d {r.DLoss:G4}, g {r.GLoss:G4}");
                    progress.Report(new WorkProgress(stepsBefore + r.Step, totalSteps, $"{run}, step {r.Step:N0}/{seeded.Steps:N0}"));
                })));
                stepsBefore += seeded.Steps;
            }
            return MixtureSummary.Of(config.Loss.Create().Describe(), runs);
        }).ToList(), linePerReport: false);
        if (!single) Json.WriteFile(Path.Combine(output, "summary.json"), summaries);
        foreach (var s in summaries)
        {
            Console.WriteLine($"{s.Loss}: {s.Runs} runs, modes covered {s.ModesCoveredMean:F2} ± {s.ModesCoveredStd:F2} of {s.ModeCount}, "
                + $"high quality {s.HighQualityFractionMean:P1} ± {s.HighQualityFractionStd:P1}, collapsed {s.Collapsed}, diverged {s.Diverged}");
        }
        return 0;
    }
}
