using Lsgan.Features;
using TorchSharp;
using static TorchSharp.torch;

namespace Lsgan.Tests.Features;

public class FeatureCacheTests
{
    private const string Key = "fashion-mnist test 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void Given_an_empty_cache_when_asked_twice_then_features_are_computed_once_and_read_back_bitwise()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = directory.Combine("nested", "features.lsganft");
        var features = randn(37, 5, generator: new Generator(61));
        var calls = 0;

        var first = FeatureCache.GetOrCompute(path, Key, () => { calls++; return features; });
        var second = FeatureCache.GetOrCompute(path, Key, () => { calls++; return features; });

        Assert.Equal(1, calls);
        Assert.Same(features, first);
        Assert.Equal([37L, 5], second.shape);
        Assert.Equal(ScalarType.Float32, second.dtype);
        Assert.True(second.equal(features).all().item<bool>());
    }

    [Theory]
    [InlineData("flip a payload byte")]
    [InlineData("flip a shape byte")]
    [InlineData("truncate")]
    [InlineData("append")]
    [InlineData("not a cache file")]
    public void Given_a_damaged_file_when_loaded_then_it_is_rejected_and_get_or_compute_replaces_it(string damage)
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = directory.Combine("features.lsganft");
        var features = randn(20, 4, generator: new Generator(62));
        FeatureCache.Save(path, Key, features);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, damage switch
        {
            "flip a payload byte" => Flip(bytes, bytes.Length - 3),
            "flip a shape byte" => Flip(bytes, 8 + 4 + Key.Length),
            "truncate" => bytes[..^4],
            "append" => [.. bytes, 0, 0, 0, 0],
            _ => "LSGANFS1 something else entirely"u8.ToArray(),
        });
        var calls = 0;

        var loaded = FeatureCache.TryLoad(path, Key, out _);
        var recomputed = FeatureCache.GetOrCompute(path, Key, () => { calls++; return features; });

        Assert.False(loaded);
        Assert.Equal(1, calls);
        Assert.True(FeatureCache.TryLoad(path, Key, out var repaired));
        Assert.True(repaired.equal(features).all().item<bool>());
    }

    [Fact]
    public void Given_a_file_saved_under_another_key_when_loaded_then_it_is_rejected()
    {
        using var directory = new TempDirectory();
        using var scope = NewDisposeScope();
        var path = directory.Combine("features.lsganft");
        FeatureCache.Save(path, Key, randn(3, 2, generator: new Generator(63)));

        Assert.False(FeatureCache.TryLoad(path, Key.Replace("fashion-mnist", "mnist"), out _));
        Assert.False(FeatureCache.TryLoad(directory.Combine("missing.lsganft"), Key, out _));
    }

    [Fact]
    public void Given_a_dataset_directory_split_and_classifier_hash_when_a_path_is_made_then_it_names_all_three()
    {
        var path = FeatureCache.PathFor("/cache/fashion-mnist", "test", "ABCDEF0123456789ffffffffffffffffffffffffffffffffffffffffffffffff");

        Assert.Equal(Path.Combine("/cache/fashion-mnist", "features-test-abcdef0123456789.lsganft"), path);
    }

    [Fact]
    public void Given_float64_features_when_saved_then_it_refuses_instead_of_changing_their_precision()
    {
        using var directory = new TempDirectory();
        using var features = zeros(2, 2, ScalarType.Float64);

        var error = Assert.Throws<LsganException>(() => FeatureCache.Save(directory.Combine("f.lsganft"), Key, features));

        Assert.Contains("float32", error.Message);
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x40;
        return copy;
    }
}
