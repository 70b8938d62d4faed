using System.Text;
using Lsgan.Data;
using Lsgan.Metrics;
using Lsgan.Models;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

public class TensorBoardLogTests
{
    public TensorBoardLogTests() => set_num_threads(1);

    [Fact]
    public void Given_the_standard_check_input_when_the_test_reader_computes_CRC32C_then_it_is_E3069283_and_masked_C78AB0E5()
    {
        var check = Encoding.ASCII.GetBytes("123456789");

        Assert.Equal(0xE3069283u, TfRecordReader.Crc32C(check));
        // rotr(0xE3069283, 15) = 0x2507C60D, + 0xA282EAD8 = 0xC78AB0E5 (by hand).
        Assert.Equal(0xC78AB0E5u, TfRecordReader.MaskedCrc32C(check));
    }

    [Fact]
    public void Given_a_log_when_metrics_an_evaluation_and_a_grid_are_written_then_the_event_file_holds_them_with_valid_CRCs()
    {
        using var dir = new TempDirectory();
        using var grid = full(4, 1, 28, 28, 0.5f);
        string png = dir.Combine("grid.png");
        ImageGrid.Save(grid, png);

        var log = new TensorBoardLog(dir.Path);
        log.MetricsLogged(new MetricsRecord(50, 1, 0.25, 0.75, 0.6, 0.4, 3.0, 1000.0));
        log.MetricsLogged(new MetricsRecord(100, 1, 0.125, 1.5, 0.7, 0.3, 6.0, 1100.0));
        log.Evaluated(new EvaluationRecord(100, 1, Report(fid: 0.3125)));
        log.GridSaved(100, "epoch-0001", png);

        string file = Assert.Single(Directory.GetFiles(dir.Path, "events.out.tfevents.*"));
        var events = TfRecordReader.ReadEvents(file);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        var scalars = Scalars(events);
        Assert.Equal([(50L, 0.25f), (100L, 0.125f)], scalars["loss/d"]);
        Assert.Equal([(50L, 0.75f), (100L, 1.5f)], scalars["loss/g"]);
        Assert.Equal([(50L, 0.6f), (100L, 0.7f)], scalars["d_output/real"]);
        Assert.Equal([(50L, 0.4f), (100L, 0.3f)], scalars["d_output/fake"]);
        Assert.Equal([(100L, 0.3125f)], scalars["eval/fid"]);
        Assert.Equal([(100L, 8f)], scalars["eval/classes_covered"]);
        var image = Assert.Single(events.SelectMany(e => e.Values), v => v.Png is not null);
        Assert.Equal("samples", image.Tag);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image.Png![..4]);
        // Two by two 28-pixel tiles with ImageGrid's borders: what the PNG on disk holds.
        var (height, width) = PngSize(File.ReadAllBytes(png));
        Assert.Equal((height, width), (image.ImageHeight, image.ImageWidth));
        Assert.Equal((height, width), PngSize(image.Png));
        // Wall times are Unix seconds of now, as TensorBoard expects.
        double now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.All(events.Skip(1), e => Assert.InRange(e.WallTime, now - 600, now + 5));
    }

    [Fact]
    public void Given_a_run_trained_then_resumed_with_a_log_then_the_scalars_equal_metrics_jsonl_and_the_first_file_is_kept_byte_for_byte()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(160);
        var config = new TrainConfig
        {
            Dataset = "synthetic",
            Model = new ModelConfig("mlp", LatentDim: 8),
            BatchSize = 32,
            Epochs = 1,
            LogEvery = 2,
            Seed = 5,
        };
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, config);
        new TrainingSession(config, run) { Observer = new TensorBoardLog(run.Path) }.Run(images);
        string first = Assert.Single(Directory.GetFiles(run.Path, "events.out.tfevents.*"));
        byte[] firstBytes = File.ReadAllBytes(first);

        new TrainingSession(config with { Epochs = 2 }, run) { Observer = new TensorBoardLog(run.Path) }.Run(images, run.LatestCheckpoint);

        var files = Directory.GetFiles(run.Path, "events.out.tfevents.*").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal(firstBytes, File.ReadAllBytes(first));
        var events = files.SelectMany(TfRecordReader.ReadEvents).ToList();
        Assert.Equal(2, events.Count(e => e.FileVersion == "brain.Event:2"));
        var metrics = run.ReadMetrics();
        Assert.Equal(new long[] { 2, 4, 5, 6, 8, 10 }, metrics.Select(m => m.Step));
        var scalars = Scalars(events);
        Assert.Equal(metrics.Select(m => (m.Step, (float)m.DLoss)), scalars["loss/d"]);
        Assert.Equal(metrics.Select(m => (m.Step, (float)m.DFake)), scalars["d_output/fake"]);
        var grids = events.SelectMany(e => e.Values.Where(v => v.Png is not null).Select(v => (e.Step, v.Tag))).ToList();
        Assert.Equal([(0L, "reals"), (5L, "samples"), (10L, "samples")], grids);
    }

    private static Dictionary<string, List<(long, float)>> Scalars(IEnumerable<TfRecordReader.Event> events) =>
        events.SelectMany(e => e.Values.Where(v => v.Scalar is not null).Select(v => (v.Tag, Point: (e.Step, v.Scalar!.Value))))
            .GroupBy(x => x.Tag)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Point).ToList());

    // A PNG's IHDR: width then height, big-endian, at bytes 16 and 20.
    private static (int Height, int Width) PngSize(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));

    private static EvaluationReport Report(double fid) =>
        new(fid, 0.5, 0.25, 1, 0.5, 0.01, 0.001, 8, 0.1, new long[10], 5, 0.1, 100, 100);
}
