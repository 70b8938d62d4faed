namespace Lsgan.Tests.Cli;

/// <summary>lsgan study end to end without training: refusals, and the grid --dry-run lists from a preset or a study file.</summary>
public class CliStudyTests
{
    [Theory]
    [InlineData("study", "Give a study: --preset NAME or --file PATH")]
    [InlineData("study|--preset|nope", "Unknown --preset 'nope' (expected one of: bn, stability, labels)")]
    [InlineData("study|--preset|bn|--loss|ls", "--loss is set by the study's axes")]
    [InlineData("study|--preset|bn|--no-g-batchnorm", "--g-batchnorm is set by the study's axes")]
    [InlineData("study|--preset|bn|--shard|3/2", "--shard must be K/N with 1 ≤ K ≤ N")]
    [InlineData("study|--preset|bn|--eval-every|0", "a study evaluates every run: --eval-every must be at least 1")]
    [InlineData("study|--summarize|RUN", "is not a study directory (it has no study.json)")]
    [InlineData("study|--file|FILE", "The study file FILE is not usable")]
    public void Given_a_study_it_cannot_run_when_lsgan_study_runs_then_it_exits_1_with_one_line_and_writes_nothing(string commandLine, string expected)
    {
        string line = HostileInput.AssertRefused(commandLine, exitCode: 1);

        Assert.Matches(HostileInput.Pattern(expected), line);
    }

    [Fact]
    public void Given_the_bn_preset_and_two_seeds_when_dry_run_then_it_lists_4_settings_x_2_seeds_with_their_options_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        string output = dir.Combine("study");

        var result = CliRunner.Run(dir.Path, "study", "--preset", "bn", "--model", "mlp", "--seeds", "2", "--epochs", "1", "--max-steps", "200",
            "--out", output, "--dry-run");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(9, lines.Length);
        Assert.Equal(["bce-nobn-seed0", "bce-nobn-seed1", "bce-bn-seed0", "bce-bn-seed1", "ls-nobn-seed0", "ls-nobn-seed1", "ls-bn-seed0", "ls-bn-seed1"],
            lines.Skip(1).Select(l => l.Split(' ')[0]));
        Assert.Contains("--eval-every 1 --dataset fashion-mnist --model mlp --epochs 1 --max-steps 200 --loss ls --g-batchnorm --d-batchnorm --seed 1", lines[8]);
        Assert.All(lines.Skip(1), l => Assert.Contains(" new ", l));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Given_the_same_study_as_YAML_and_as_JSON_when_dry_run_then_both_list_the_same_runs()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("s.yaml"), """
            name: rate
            seeds: 2
            fixed: {model: mlp, epochs: 2}
            axes:
              loss: [bce, ls]
              rate:
                slow: {lr: 1e-4}
                nobn: {no-g-batchnorm: true, lr: 2e-4}
            """);
        File.WriteAllText(dir.Combine("s.json"), """
            {"name": "rate", "seeds": 2, "fixed": {"model": "mlp", "epochs": 2},
             "axes": {"loss": ["bce", "ls"], "rate": {"slow": {"lr": "1e-4"}, "nobn": {"no-g-batchnorm": true, "lr": "2e-4"}}}}
            """);

        var yaml = CliRunner.Run(dir.Path, "study", "--file", dir.Combine("s.yaml"), "--out", dir.Combine("out"), "--dry-run");
        var json = CliRunner.Run(dir.Path, "study", "--file", dir.Combine("s.json"), "--out", dir.Combine("out"), "--dry-run");

        Assert.Equal(0, yaml.ExitCode);
        Assert.Equal(yaml.Stdout, json.Stdout);
        Assert.Contains("ls-nobn-seed1", yaml.Stdout);
        Assert.Contains("--model mlp --epochs 2 --loss bce --lr 1e-4 --seed 0", yaml.Stdout);
        Assert.Contains("--loss ls --no-g-batchnorm --lr 2e-4 --seed 1", yaml.Stdout);
    }
}
