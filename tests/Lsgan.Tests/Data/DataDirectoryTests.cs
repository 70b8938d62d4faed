using Lsgan.Data;

namespace Lsgan.Tests.Data;

public sealed class DataDirectoryTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Given_the_option_and_the_variable_When_resolved_Then_the_option_wins()
    {
        var environment = Environment((DataDirectory.EnvironmentVariable, "/from-env"), ("XDG_CACHE_HOME", "/xdg"));

        Assert.Equal("/from-option", DataDirectory.Resolve("/from-option", environment));
    }

    [Fact]
    public void Given_only_the_variable_When_resolved_Then_it_beats_the_xdg_cache()
    {
        var environment = Environment((DataDirectory.EnvironmentVariable, "/from-env"), ("XDG_CACHE_HOME", "/xdg"));

        Assert.Equal("/from-env", DataDirectory.Resolve(null, environment));
    }

    [Fact]
    public void Given_only_xdg_cache_home_When_resolved_Then_lsgan_goes_under_it()
    {
        Assert.Equal("/xdg/lsgan", DataDirectory.Resolve(null, Environment(("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u"))));
    }

    [Fact]
    public void Given_a_relative_xdg_cache_home_When_resolved_Then_it_is_ignored_for_the_home_cache()
    {
        var environment = Environment(("XDG_CACHE_HOME", "relative"), ("HOME", "/home/u"));

        Assert.Equal("/home/u/.cache/lsgan", DataDirectory.Resolve(null, environment));
    }
}
