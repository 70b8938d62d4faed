namespace Lsgan.Tests.Cli;

/// <summary>
/// Command lines that are wrong as written, end to end: refused while parsing with exit 2, one line, nothing
/// written. The full list of such lines is checked in-process by <see cref="CommandLineValidationTests"/>.
/// </summary>
public class CliUsageFaultTests
{
    [Theory]
    [InlineData("frobnicate", "unknown command 'frobnicate'; the commands are train, generate, interpolate, evaluate, fid, train-classifier")]
    [InlineData("", "no command given; the commands are train")]
    [InlineData("generate|--run|RUN|--count|100000000", "--count must be between 1 and 100,000")]
    [InlineData("generate|--run|RUN|--count|1e9", "--count must be a whole number")]
    [InlineData("evaluate|--run|RUN|--count|100000000", "--count must be between 100 and 100,000")]
    [InlineData("fid|a|b|--threads|100000", "--threads must be between 1 and")]
    [InlineData("train|--threads|100000", "--threads must be between 1 and")]
    [InlineData("train|--device|cuda:0", "this build of lsgan has no CUDA support")]
    [InlineData("train|--out|", "--out must not be empty")]
    [InlineData("fid||b", "path must not be empty")]
    [InlineData("generate|--run|RUN|--columns|2147483647", "--columns must be between 0 and 100,000")]
    [InlineData("generate|--run|RUN|--out|x.jpg", "must end in .png")]
    [InlineData("train|--channels|0", "--channels must be 1 or 3, got 0")]
    [InlineData("evaluate|--run|RUN|--feature-input-size|100000", "--feature-input-size must be between 1 and 1,024")]
    public void Given_a_malformed_command_line_when_lsgan_runs_then_it_exits_2_naming_the_option(string commandLine, string expected)
    {
        string line = HostileInput.AssertRefused(commandLine, exitCode: 2);

        Assert.Contains(expected, line);
        Assert.Contains("--help", line);
    }
}
