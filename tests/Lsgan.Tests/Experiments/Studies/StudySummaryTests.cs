using System.Text.Json.Nodes;
using Lsgan.Experiments.Studies;
using Lsgan.IO;
using Lsgan.Metrics;
using Lsgan.Models;
using Lsgan.Training;

namespace Lsgan.Tests.Experiments.Studies;

public class StudySummaryTests
{
    [Fact]
    public void Given_differences_1_2_3_4_when_the_t_interval_is_taken_then_it_is_the_hand_computed_mean_plus_minus_t3_times_the_standard_error()
    {
        // By hand: mean 2.5; s² = (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3; se = sqrt(5/3) / 2 = 0.6454972;
        // t(0.975, 3) = 3.182446; half-width = 2.0542601.
        var (mean, low, high) = StudentT.Interval([1, 2, 3, 4]);

        Assert.Equal(2.5, mean, 1e-12);
        Assert.Equal(0.4457399, low!.Value, 1e-6);
        Assert.Equal(4.5542601, high!.Value, 1e-6);
        Assert.Equal((null, null), (StudentT.Interval([7]).Low, StudentT.Interval([7]).High));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(29)]
    [InlineData(45)]
    [InlineData(200)]
    public void Given_degrees_of_freedom_the_quantile_leaves_2_5_percent_in_the_upper_tail_of_the_t_density_integrated_numerically(int df)
    {
        double t = StudentT.Quantile975(df);

        // Independent check: the t density integrated from 0 to t by Simpson's rule, in float64, is 0.475.
        Assert.Equal(0.475, Integrate(x => Density(x, df), 0, t, 200_000), 1e-5);
    }

    [Fact]
    public void Given_two_settings_over_shared_seeds_the_summary_has_the_per_setting_statistics_counts_and_the_paired_difference()
    {
        using var dir = new TempDirectory();
        var plan = new StudyPlan("hand", [new StudyAxis("loss", ["bce", "ls"])],
            [new StudySetting("bce", ["bce"], ["--loss", "bce"]), new StudySetting("ls", ["ls"], ["--loss", "ls"])], [0, 1, 2], []);
        // Final FIDs bce 3, 4, 8 (best 2, 4, 5); ls 2, 2, 5; ls seed 2 ends with 2 classes covered: collapsed.
        MakeRun(dir, "bce-seed0", [2, 3]);
        MakeRun(dir, "bce-seed1", [4]);
        MakeRun(dir, "bce-seed2", [5, 8]);
        MakeRun(dir, "ls-seed0", [2]);
        MakeRun(dir, "ls-seed1", [3, 2]);
        MakeRun(dir, "ls-seed2", [5], classesCovered: 2);
        Directory.CreateDirectory(dir.Combine("ls-seed3"));

        var json = StudySummary.Read(dir.Path, plan).ToJson();

        var bce = json["settings"]![0]!;
        var ls = json["settings"]![1]!;
        Assert.Equal("bce", (string)bce["name"]!);
        Assert.Equal(3, (int)bce["runs"]!);
        Assert.Equal(0, (int)bce["collapsed"]!);
        Assert.Equal(1, (int)ls["collapsed"]!);
        Assert.Equal(5.0, (double)bce["fid_final_mean"]!, 1e-12);
        Assert.Equal(Math.Sqrt(7), (double)bce["fid_final_std"]!, 1e-12);
        Assert.Equal(3.0, (double)bce["fid_final_min"]!, 1e-12);
        Assert.Equal(8.0, (double)bce["fid_final_max"]!, 1e-12);
        Assert.Equal(11.0 / 3, (double)bce["fid_best_mean"]!, 1e-12);
        Assert.Equal(0.25, (double)ls["recall_final_mean"]!, 1e-12);
        Assert.Equal(22.0 / 3, (double)ls["classes_covered_final_mean"]!, 1e-12);
        // ls − bce per seed: 2 − 3, 2 − 4, 5 − 8 = −1, −2, −3: mean −2, s = 1, t(0.975, 2) = 4.302653, se = 1/√3.
        var final = json["comparisons"]!.AsArray().Single(c => (string)c!["metric"]! == "fid_final")!;
        Assert.Equal("ls − bce", (string)final["name"]!);
        Assert.Equal(new[] { -1.0, -2.0, -3.0 }, final["differences"]!.AsArray().Select(d => (double)d!));
        Assert.Equal(-2.0, (double)final["mean"]!, 1e-12);
        Assert.Equal(-2 - 4.302653 / Math.Sqrt(3), (double)final["ci95_low"]!, 1e-6);
        Assert.Equal(-2 + 4.302653 / Math.Sqrt(3), (double)final["ci95_high"]!, 1e-6);
        Assert.False((bool)final["beyond_seed_noise"]!);
    }

    [Fact]
    public void Given_a_diverged_run_it_is_counted_but_kept_out_of_the_means()
    {
        using var dir = new TempDirectory();
        var plan = new StudyPlan("hand", [new StudyAxis("loss", ["ls"])], [new StudySetting("ls", ["ls"], [])], [0, 1], []);
        MakeRun(dir, "ls-seed0", [3]);
        MakeRun(dir, "ls-seed1", [1], outcome: StudyOutcome.Diverged);

        var setting = StudySummary.Read(dir.Path, plan).ToJson()["settings"]![0]!;

        Assert.Equal(2, (int)setting["runs"]!);
        Assert.Equal(1, (int)setting["diverged"]!);
        Assert.Equal(3.0, (double)setting["fid_final_mean"]!, 1e-12);
        Assert.Null(setting["fid_final_std"]);
    }

    private static void MakeRun(TempDirectory dir, string name, double[] fids, int classesCovered = 10, string outcome = "completed")
    {
        var config = new TrainConfig { Dataset = "synthetic", Model = new ModelConfig("mlp") };
        using var run = RunDirectory.CreateNew(dir.Combine(name), dir.Path, config);
        run.AppendMetrics(new MetricsRecord(1, 1, 0.5, 0.5, 0.5, 0.5, 1, 1));
        for (int i = 0; i < fids.Length; i++)
        {
            int classes = i == fids.Length - 1 ? classesCovered : 10;
            run.AppendEvaluation(new EvaluationRecord(i + 1, i + 1,
                new EvaluationReport(fids[i], 0.5, 0.25, 1, 0.5, 0.01, 0.001, classes, 0.1, new long[10], 5, 0.1, 100, 100)));
        }
        Json.WriteFile(Path.Combine(run.Path, StudyOutcome.FileName), new StudyOutcome(outcome));
    }

    private static double Density(double x, int df)
    {
        double logNorm = LogGamma((df + 1) / 2.0) - LogGamma(df / 2.0) - 0.5 * Math.Log(df * Math.PI);
        return Math.Exp(logNorm - (df + 1) / 2.0 * Math.Log(1 + x * x / df));
    }

    // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for positive arguments.
    private static double LogGamma(double x)
    {
        double[] c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        x -= 1;
        double sum = c[0];
        for (int i = 1; i < 9; i++) sum += c[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    private static double Integrate(Func<double, double> f, double a, double b, int intervals)
    {
        double h = (b - a) / intervals, sum = f(a) + f(b);
        for (int i = 1; i < intervals; i++) sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }
}
