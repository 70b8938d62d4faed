using System.Text.Json;
using static Lsgan.Tests.Cli.CliRunner;

namespace Lsgan.Tests.Cli;

public sealed class CliExportTests(TrainedRunFixture fixture) : IClassFixture<TrainedRunFixture>, IDisposable
{
    private readonly TempDirectory dir = new();

    [Fact]
    public void Given_a_run_when_exported_as_pt_then_the_weights_and_the_json_land_in_its_export_folder()
    {
        string run = fixture.CopyRun(dir);

        var result = Run(dir.Path, "export", "--run", run, "--format", "pt");

        Assert.True(result.ExitCode == 0, result.Stderr);
        // torch.save's zip container starts with a local file header.
        Assert.Equal("PK"u8.ToArray(), File.ReadAllBytes(Path.Combine(run, "export", "generator.pt"))[..2]);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "export", "generator.json")));
        Assert.Equal("generator.pt", json.RootElement.GetProperty("weights").GetString());
        Assert.Equal(8, json.RootElement.GetProperty("latent_dim").GetInt32());
        Assert.Equal("nn.Linear(8, 6272)", json.RootElement.GetProperty("layers")[0].GetString());
        Assert.Equal([1, 28, 28], json.RootElement.GetProperty("output_shape").EnumerateArray().Select(x => x.GetInt32()));
    }

    [Fact]
    public void Given_an_unknown_format_when_exporting_then_it_is_a_usage_error_and_nothing_is_written()
    {
        string run = fixture.CopyRun(dir);

        var result = Run(dir.Path, "export", "--run", run, "--format", "onnx");

        Assert.Equal(2, result.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(run, "export")));
    }

    [Fact]
    public void Given_a_folder_that_is_not_a_run_when_exporting_then_one_line_says_so()
    {
        Directory.CreateDirectory(dir.Combine("empty"));

        string error = AssertCleanError(Run(dir.Path, "export", "--run", dir.Combine("empty")));

        Assert.Contains("empty", error);
    }

    public void Dispose() => dir.Dispose();
}
