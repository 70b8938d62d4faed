using Lsgan.Data;
using static TorchSharp.torch;

namespace Lsgan.Tests.Data;

/// <summary>The hanzi set from the real hanzi-writer-data tarball (fetched once with npm pack into the test cache).</summary>
public sealed class HanziDatasetTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>A fetcher whose cache holds (a link to) the real tarball but renders into a fresh folder.</summary>
    private DatasetFetcher FreshCache()
    {
        string shared = Path.Combine(RealDatasets.CacheRoot, HanziDataset.Name);
        Directory.CreateDirectory(shared);
        string tarball = HanziGlyphs.Fetch(shared, TimeSpan.FromMinutes(5), null, CancellationToken.None);
        Directory.CreateDirectory(temp.Combine(HanziDataset.Name));
        File.CreateSymbolicLink(temp.Combine(HanziDataset.Name, HanziGlyphs.TarballName), tarball);
        return new DatasetFetcher(new DatasetFetchOptions { DataDir = temp.Path, UseDownload = false });
    }

    [Fact]
    public void Given_ten_classes_When_loaded_Then_they_are_the_first_gb2312_characters_with_labels_by_class_and_cached()
    {
        var fetcher = FreshCache();
        var options = new HanziOptions(Classes: 10, SamplesPerClass: 3, Seed: 0);

        using var data = HanziDataset.Load(fetcher, options);

        // GB2312 level 1 starts 啊 阿 埃 挨 哎 唉 哀 皑 癌 蔼 (pinyin order).
        Assert.Equal(["啊", "阿", "埃", "挨", "哎", "唉", "哀", "皑", "癌", "蔼"], data.ClassNames);
        Assert.Equal([30L, 1, 28, 28], data.Images.shape);
        Assert.Equal([0L, 0, 0, 1, 1, 1, 2], data.Labels.data<long>().ToArray()[..7]);
        // Every image has ink (values above the -1 background) and background.
        var inked = (data.Images > -0.5).sum([1, 2, 3]);
        Assert.InRange(inked.min().item<long>(), 20, 400);
        string cache = HanziDataset.CacheFileOf(temp.Combine(HanziDataset.Name), options);
        Assert.Equal(30 * 784, new FileInfo(cache).Length);

        using var again = HanziDataset.Load(fetcher, options);
        Assert.Equal(0f, (again.Images - data.Images).abs().max().item<float>());
    }

    [Fact]
    public void Given_a_set_to_render_When_loaded_with_a_sink_that_counts_Then_the_stages_are_said_and_the_glyph_count_reaches_the_classes()
    {
        var fetcher = FreshCache();
        var recorder = new WorkProgressRecorder();

        HanziDataset.Load(fetcher, new HanziOptions(Classes: 12, SamplesPerClass: 2, Seed: 0), recorder).Dispose();

        Assert.StartsWith("Reading the outlines of 12 characters from ", recorder.Lines[0]);
        Assert.StartsWith("Rendering 12 characters x 2 samples (seed 0) into ", recorder.Lines[1]);
        Assert.StartsWith("Rendered 24 images in ", recorder.Lines[2]);
        Assert.Equal(3, recorder.Lines.Count);
        // The renderer counts every 250 classes and at the end: 12 classes, one count.
        Assert.Equal([new WorkProgress(12, 12, "rendering 12 characters")], recorder.Reports);
        recorder.AssertMonotoneToTotal(12);
    }

    [Fact]
    public void Given_a_damaged_cached_set_When_loaded_Then_the_checksum_names_it_and_it_is_kept()
    {
        var fetcher = FreshCache();
        var options = new HanziOptions(Classes: 2, SamplesPerClass: 2, Seed: 0);
        HanziDataset.Load(fetcher, options).Dispose();
        string cache = HanziDataset.CacheFileOf(temp.Combine(HanziDataset.Name), options);
        byte[] bytes = File.ReadAllBytes(cache);
        bytes[100] ^= 0xFF;
        File.WriteAllBytes(cache, bytes);

        var error = Assert.Throws<LsganException>(() => HanziDataset.Load(fetcher, options));

        Assert.StartsWith($"{cache} does not match its SHA-256 checksum", error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(cache));
    }
}
