using Lsgan.Cli;
using Lsgan.Cli.Output;

namespace Lsgan.Tests.Cli;

/// <summary>
/// The one validation path of every command, in-process: each malformed command line gives a parse error,
/// and the line a user sees names the option and points to --help. (Each is a usage error, exit 2, as the
/// end-to-end <see cref="CliUsageFaultTests"/> check for a sample of them.)
/// </summary>
public class CommandLineValidationTests
{
    [Theory]
    [InlineData("frobnicate", "unknown command 'frobnicate'; the commands are train, generate, interpolate, evaluate, fid, train-classifier")]
    [InlineData("", "no command given; the commands are train")]
    [InlineData("--frobnicate", "unknown option '--frobnicate'")]
    [InlineData("generate|--run|RUN|--count|100000000", "--count must be between 1 and 100,000")]
    [InlineData("generate|--run|RUN|--count|2147483647", "--count must be between 1 and 100,000")]
    [InlineData("generate|--run|RUN|--count|0", "--count must be between 1 and 100,000")]
    [InlineData("generate|--run|RUN|--count|-5", "--count must be between 1 and 100,000")]
    [InlineData("generate|--run|RUN|--count|1e9", "--count must be a whole number")]
    [InlineData("evaluate|--run|RUN|--count|100000000", "--count must be between 100 and 100,000")]
    [InlineData("evaluate|--run|RUN|--count|1", "--count must be between 100 and 100,000")]
    [InlineData("fid|a|b|--threads|100000", "--threads must be between 1 and")]
    [InlineData("fid|a|b|--threads|1000", "--threads must be between 1 and")]
    [InlineData("fid|a|b|--threads|0", "--threads must be between 1 and")]
    [InlineData("evaluate|--run|RUN|--threads|0", "--threads must be between 1 and")]
    [InlineData("evaluate|--run|RUN|--threads|-1", "--threads must be between 1 and")]
    [InlineData("generate|--run|RUN|--threads|0", "--threads must be between 1 and")]
    [InlineData("train|--threads|0", "--threads must be between 1 and")]
    [InlineData("train|--threads|100000", "--threads must be between 1 and")]
    [InlineData("train-classifier|--threads|0", "--threads must be between 1 and")]
    [InlineData("train|--device|banana", "--device 'banana': it is not a device lsgan can use")]
    [InlineData("train|--device|cuda:0", "this build of lsgan has no CUDA support")]
    [InlineData("generate|--run|RUN|--device|cuda", "this build of lsgan has no CUDA support")]
    [InlineData("generate|--run|RUN|--device|", "--device '': it is not a device")]
    [InlineData("train|--out|", "--out must not be empty")]
    [InlineData("train|--resume|", "--resume must not be empty")]
    [InlineData("train|--data-dir| ", "--data-dir must not be empty")]
    [InlineData("train|--runs-dir|", "--runs-dir must not be empty")]
    [InlineData("train|--dataset|", "--dataset must not be empty")]
    [InlineData("generate|--run|", "--run must not be empty")]
    [InlineData("generate|--run|RUN|--out|", "--out must not be empty")]
    [InlineData("generate|--run|RUN|--singles|", "--singles must not be empty")]
    [InlineData("evaluate|--run|RUN|--data-dir|", "--data-dir must not be empty")]
    [InlineData("evaluate|--run|RUN|--classifier|", "--classifier must not be empty")]
    [InlineData("fid||b", "path must not be empty")]
    [InlineData("train-classifier|--out|", "--out must not be empty")]
    [InlineData("generate|--run|RUN|--columns|2147483647", "--columns must be between 0 and 100,000")]
    [InlineData("generate|--run|RUN|--columns|-1", "--columns must be between 0 and 100,000")]
    [InlineData("generate|--run|RUN|--out|x.jpg", "must end in .png")]
    [InlineData("generate|--run|RUN|--out|grid", "must end in .png")]
    [InlineData("train|--channels|0", "--channels must be 1 or 3, got 0")]
    [InlineData("train|--channels|2", "--channels must be 1 or 3, got 2")]
    [InlineData("evaluate|--run|RUN|--feature-input-size|100000", "--feature-input-size must be between 1 and 1,024")]
    [InlineData("fid|a|b|--feature-input-size|0", "--feature-input-size must be between 1 and 1,024")]
    [InlineData("train|--count|5", "--count")]
    [InlineData("train|--batch-size|abc", "--batch-size must be a whole number")]
    [InlineData("train|--epochs|99999999999", "--epochs must be a whole number up to 2,147,483,647")]
    [InlineData("train|--seed|x", "--seed must be a whole number")]
    [InlineData("train|--lr|inf", "--lr must be a finite number")]
    [InlineData("evaluate", "--run")]
    [InlineData("fid|a", "Required argument missing for command: 'fid'")]
    [InlineData("generate|--run|RUN|--run|RUN", "--run")]
    public void Given_a_malformed_command_line_when_it_is_parsed_then_one_line_names_the_option(string commandLine, string expected)
    {
        string[] args = commandLine.Length == 0 ? [] : [.. commandLine.Split('|').Select(a => a.Replace("RUN", "/tmp/run").Replace("FILE", "/tmp/file.txt"))];
        var root = LsganCommandLine.Create();

        var parsed = root.Parse(args);

        Assert.NotEmpty(parsed.Errors);
        string line = UsageError.Describe(root, parsed);
        Assert.Contains(expected, line);
        Assert.Contains("--help", line);
        Assert.DoesNotContain("\n", line);
        Assert.DoesNotContain("System.", line);
    }

    [Theory]
    [InlineData("generate|--run|RUN|--count|64|--columns|8|--threads|1")]
    [InlineData("evaluate|--run|RUN|--count|100|--feature-input-size|1024")]
    [InlineData("fid|a|b|--threads|1")]
    [InlineData("train|--channels|3|--device|cpu|--out|r|--latent-dim|4096")]
    [InlineData("train-classifier|--threads|1|--out|c.lsganfc")]
    public void Given_options_at_their_limits_when_parsed_then_they_are_accepted(string commandLine)
    {
        var parsed = LsganCommandLine.Create().Parse(commandLine.Split('|'));

        Assert.Empty(parsed.Errors);
    }
}
