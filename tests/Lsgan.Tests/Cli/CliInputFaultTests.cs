namespace Lsgan.Tests.Cli;

/// <summary>Well-formed command lines asking for something impossible: refused with exit 1 before any slow work.</summary>
public class CliInputFaultTests
{
    [Theory]
    [InlineData("train|--latent-dim|2147483647", "latent dim must be between 1 and 4096, got 2147483647")]
    [InlineData("train|--latent-dim|0", "latent dim must be between 1 and 4096, got 0")]
    [InlineData("train|--channels|3", "--channels 3 contradicts the fashion-mnist dataset, whose images have 1 channel")]
    [InlineData("train|--dataset|mnist|--channels|3", "--channels 3 contradicts the mnist dataset")]
    [InlineData("train|--eval-samples|100000000", "eval-samples must be between 10 and 100,000")]
    [InlineData("train|--eval-samples|5", "eval-samples must be between 10 and 100,000")]
    [InlineData("train|--lr|nan", "learning rate must be positive, got NaN")]
    [InlineData("train|--beta1|2", "beta1 must be in [0, 1)")]
    [InlineData("train|--a|nan", "the labels a, b and c must be finite numbers")]
    [InlineData("train|--labels|99", "Unknown label preset '99'")]
    [InlineData("train|--model|resnet", "unknown model 'resnet'")]
    [InlineData("train|--optimizer|sgd", "sgd")]
    [InlineData("train|--g-batchnorm|--no-g-batchnorm", "--g-batchnorm and --no-g-batchnorm contradict each other")]
    [InlineData("train|--dataset|no-such-folder", "Unknown dataset 'no-such-folder'")]
    [InlineData("train|--dataset|FILE", "is a file, not a folder")]
    [InlineData("train|--resume|FILE", "--resume FILE is a file, not a run directory")]
    [InlineData("train|--resume|RUN", "is not a run directory")]
    [InlineData("train|--resume|RUN/missing", "--resume RUN/missing does not exist")]
    [InlineData("train|--resume|RUN|--model|mlp", "--model cannot change a resumed run")]
    [InlineData("generate|--run|FILE", "--run FILE is a file, not a run directory or checkpoint")]
    [InlineData("generate|--run|RUN/missing", "--run RUN/missing does not exist")]
    [InlineData("generate|--run|RUN", "is not a run directory or checkpoint")]
    [InlineData("generate|--run|RUN|--count|5|--columns|6", "--columns 6 is more than --count 5")]
    [InlineData("evaluate|--run|FILE", "--run FILE is a file, not a run directory or checkpoint")]
    [InlineData("evaluate|--run|RUN|--feature-output|x", "--feature-output is only used with --feature-model")]
    [InlineData("evaluate|--run|RUN|--feature-model|RUN/missing.onnx", "missing.onnx")]
    [InlineData("fid|RUN/missing|RUN", "RUN/missing is neither a folder of images nor an IDX file")]
    [InlineData("fid|RUN|RUN|--feature-normalization|banana", "--feature-normalization is only used with --feature-model")]
    [InlineData("train-classifier|--out|RUN", "--out RUN is a folder, not a regular file")]
    [InlineData("train-classifier|--out|FILE/weights.lsganfc", "FILE")]
    [InlineData("train-classifier|--epochs|0", "at least 1 epoch")]
    [InlineData("train-classifier|--dataset|cifar10", "Unknown dataset 'cifar10'")]
    public void Given_an_impossible_request_when_lsgan_checks_it_then_it_exits_1_naming_the_option_or_file(string commandLine, string expected)
    {
        string line = HostileInput.AssertRefused(commandLine, exitCode: 1);

        Assert.Matches(HostileInput.Pattern(expected), line);
    }
}
