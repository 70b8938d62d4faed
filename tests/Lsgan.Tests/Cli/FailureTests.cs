using Lsgan.Cli.Output;

namespace Lsgan.Tests.Cli;

/// <summary>Which exceptions are a user's or the machine's problem (exit 1, one line) and which are bugs (exit 70).</summary>
public class FailureTests
{
    public static TheoryData<Exception, string> Expected() => new()
    {
        { new LsganException("The dataset x is a file."), "The dataset x is a file." },
        { new IOException("No space left on device : '/runs/r/config.json'"), "cannot read or write a file: No space left on device : '/runs/r/config.json'" },
        { new DirectoryNotFoundException("Could not find a part of the path '/runs/r/samples/a.png'."), "/runs/r/samples/a.png" },
        { new FileNotFoundException("Unable to find the file.", "/runs/r/state.json"), "/runs/r/state.json does not exist" },
        { new PathTooLongException("The path '/aaaa' is too long."), "cannot read or write a file: The path '/aaaa' is too long." },
        { new UnauthorizedAccessException("Access to the path '/proc/x' is denied."), "permission denied: Access to the path '/proc/x' is denied." },
        { new AggregateException(new IOException("Read-only file system : '/ro/x'")), "cannot read or write a file: Read-only file system : '/ro/x'" },
        { new OutOfMemoryException(), "out of memory" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Given_an_expected_failure_when_it_is_described_then_the_line_names_the_file(Exception failure, string expected)
    {
        string? line = Failure.Describe(failure);

        Assert.NotNull(line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("\n", line);
    }

    [Theory]
    [InlineData(typeof(NullReferenceException))]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(IndexOutOfRangeException))]
    [InlineData(typeof(ArgumentException))]
    public void Given_a_bug_when_it_is_described_then_it_is_not_passed_off_as_the_users_problem(Type type)
    {
        var bug = (Exception)Activator.CreateInstance(type, "something broke")!;

        Assert.Null(Failure.Describe(bug));
    }
}
