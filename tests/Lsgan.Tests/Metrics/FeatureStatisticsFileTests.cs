using Lsgan.Metrics;

namespace Lsgan.Tests.Metrics;

public sealed class FeatureStatisticsFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("lsgan-stats-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Given_saved_statistics_when_loaded_then_every_value_is_bit_identical()
    {
        var statistics = new FeatureStatistics(1234, [0.1, -2.5e-7], [1.0 / 3, 0.2, 0.2, Math.PI]);
        var path = Path.Combine(directory, "real.stats");

        FeatureStatisticsFile.Save(statistics, path);
        var loaded = FeatureStatisticsFile.Load(path);

        Assert.Equal(1234, loaded.Count);
        Assert.Equal(statistics.Mean, loaded.Mean);
        Assert.Equal(statistics.Covariance, loaded.Covariance);
    }

    [Fact]
    public void Given_a_truncated_file_when_loaded_then_it_throws_a_clear_error()
    {
        var path = Path.Combine(directory, "cut.stats");
        FeatureStatisticsFile.Save(new FeatureStatistics(10, [1.0, 2.0], [1.0, 0.0, 0.0, 1.0]), path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^8]);

        var error = Assert.Throws<LsganException>(() => FeatureStatisticsFile.Load(path));

        Assert.Contains("truncated or corrupt", error.Message);
    }

    [Fact]
    public void Given_a_file_of_another_kind_when_loaded_then_it_throws_a_clear_error()
    {
        var path = Path.Combine(directory, "weights.bin");
        File.WriteAllText(path, "not statistics at all");

        var error = Assert.Throws<LsganException>(() => FeatureStatisticsFile.Load(path));

        Assert.Contains("not a feature statistics file", error.Message);
    }

    [Fact]
    public void Given_a_missing_file_when_loaded_then_it_throws_a_clear_error()
    {
        var error = Assert.Throws<LsganException>(() => FeatureStatisticsFile.Load(Path.Combine(directory, "absent.stats")));

        Assert.Contains("does not exist", error.Message);
    }
}
