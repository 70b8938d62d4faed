using Lsgan.Data;

namespace Lsgan.Tests.Data;

public sealed class DataDirectoryOriginTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("/opt", null, null, "/opt", "--data-dir")]
    [InlineData(null, "/env", null, "/env", DataDirectory.EnvironmentVariable)]
    [InlineData(null, null, "/xdg", "/xdg/lsgan", "XDG_CACHE_HOME")]
    [InlineData(null, null, null, "/home/u/.cache/lsgan", "HOME")]
    public void Given_each_setting_When_located_Then_the_path_comes_with_the_setting_that_chose_it(
        string? option, string? variable, string? xdg, string path, string origin)
    {
        var environment = Environment(
            (DataDirectory.EnvironmentVariable, variable ?? ""), ("XDG_CACHE_HOME", xdg ?? ""), ("HOME", "/home/u"));

        Assert.Equal((path, origin), DataDirectory.Locate(option, environment));
    }

    [Fact]
    public void Given_a_data_dir_with_a_nul_character_When_located_Then_the_option_is_named_as_invalid()
    {
        var error = Assert.Throws<LsganException>(() => DataDirectory.Locate("/tmp/a\0b", Environment()));

        Assert.StartsWith("The --data-dir value '/tmp/a\0b' is not a valid path", error.Message);
    }
}
