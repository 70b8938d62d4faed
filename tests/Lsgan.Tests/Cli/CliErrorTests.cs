using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Cli;

public class CliErrorTests
{
    [Fact]
    public void Impossible_option_values_are_all_named_in_one_line()
    {
        using var dir = new TempDirectory();

        string error = AssertCleanError(Run(dir.Path, "train", "--batch-size", "0", "--lr", "-1", "--loss", "hinge"));

        Assert.Contains("batch size must be at least 1", error);
        Assert.Contains("learning rate must be positive", error);
        Assert.Contains("unknown loss 'hinge'", error);
    }

    [Fact]
    public void An_unknown_dataset_is_refused_before_anything_is_written()
    {
        using var dir = new TempDirectory();

        string error = AssertCleanError(Run(dir.Path, "train", "--dataset", "cifar10", "--out", dir.Combine("run")));

        Assert.Contains("Unknown dataset 'cifar10'", error);
        Assert.False(Directory.Exists(dir.Combine("run")));
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        using var dir = new TempDirectory();

        var result = Run(dir.Path, "train", "--learning-rate", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--learning-rate", AssertCleanError(result));
    }

    [Fact]
    public void Resuming_a_directory_that_is_not_a_run_is_refused()
    {
        using var dir = new TempDirectory();

        string error = AssertCleanError(Run(dir.Path, "train", "--resume", dir.Path));

        Assert.Contains("is not a run directory", error);
    }

    [Fact]
    public void A_corrupt_dataset_file_in_the_cache_is_named_and_not_replaced()
    {
        using var dir = new TempDirectory();
        string corrupt = dir.File("fashion-mnist", "train-images-idx3-ubyte");
        File.WriteAllBytes(corrupt, [0, 0, 8, 3, 0, 0, 0, 1]);

        string error = AssertCleanError(Run(dir.Path, "train", "--out", dir.Combine("run")));

        Assert.Contains("train-images-idx3-ubyte", error);
        Assert.Equal(8, new FileInfo(corrupt).Length);
        Assert.False(Directory.Exists(dir.Combine("run")));
    }

    [Fact]
    public void Generating_from_a_missing_run_is_refused()
    {
        using var dir = new TempDirectory();

        string error = AssertCleanError(Run(dir.Path, "generate", "--run", dir.Combine("nope")));

        Assert.Contains("does not exist", error);
    }
}
