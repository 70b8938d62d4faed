using Lsgan.Data;
using SkiaSharp;
using static TorchSharp.torch;

namespace Lsgan.Tests.Data;

public sealed class LmdbImagesTests : IDisposable
{
    // Written by LMDB 0.9.24's own mdb_load (tools/make-test-lmdb.py): 200 solid 6 x 4 PNGs and a 64 x 48 noise PNG.
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Data", "Lmdb09");

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static double Level(double value) => value / 127.5 - 1;

    /// <summary>A copy of the fixture whose data.mdb bytes <paramref name="change"/> may damage.</summary>
    private string CopyOfFixture(Func<byte[], byte[]>? change = null)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Fixture, LmdbImages.DataFile));
        string folder = temp.Combine("db");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, LmdbImages.DataFile), change is null ? bytes : change(bytes));
        return folder;
    }

    [Fact]
    public void Given_an_lmdb_written_by_lmdb_itself_When_loaded_Then_every_entry_decodes_in_key_order()
    {
        using var data = LmdbImages.Load(Fixture, new LmdbOptions(Channels: 3, ImageSize: 2));

        Assert.Equal([201L, 3, 2, 2], data.Images.shape);
        Assert.False(data.HasLabels);
        foreach (int i in new[] { 0, 1, 77, 199 })
        {
            double[] expected = [i, 255 - i, 7 * i % 256];
            for (int c = 0; c < 3; c++)
            {
                Assert.InRange(data.Images[i, c].min().item<float>(), Level(expected[c]) - 1e-5, Level(expected[c]) + 1e-5);
                Assert.InRange(data.Images[i, c].max().item<float>(), Level(expected[c]) - 1e-5, Level(expected[c]) + 1e-5);
            }
        }
    }

    [Fact]
    public void Given_the_overflow_valued_noise_entry_When_cropped_to_its_height_Then_its_pixels_are_uniform_noise()
    {
        using var data = LmdbImages.Load(Fixture, new LmdbOptions(Channels: 3, ImageSize: 48));

        // Uniform bytes 0..255 have mean 127.5 and standard deviation 73.9; 6,912 of them give both within ±3.
        var noise = data.Images[200].add(1).mul(127.5).to_type(ScalarType.Float64);
        Assert.InRange(noise.mean().item<double>(), 124.5, 130.5);
        Assert.InRange(noise.std().item<double>(), 70.9, 76.9);
    }

    [Fact]
    public void Given_max_images_When_loaded_Then_only_the_first_keys_are_read()
    {
        using var data = LmdbImages.Load(Fixture, new LmdbOptions(Channels: 1, ImageSize: 3, MaxImages: 3));

        Assert.Equal([3L, 1, 3, 3], data.Images.shape);
        // Image 2 is (2, 253, 14): BT.601 luminance 0.299 * 2 + 0.587 * 253 + 0.114 * 14.
        Assert.InRange(data.Images[2].mean().item<float>(), Level(150.705) - 1e-4, Level(150.705) + 1e-4);
    }

    [Fact]
    public void Given_a_wide_image_When_centre_cropped_to_two_pixels_Then_each_pixel_averages_its_block_of_the_centre_square()
    {
        // 8 x 4: red = 10 x column, green = 40 x row. The centred 4 x 4 square is columns 2..5; halving it averages
        // 2 x 2 blocks: red (20 + 30) / 2 = 25 and (40 + 50) / 2 = 45, green (0 + 40) / 2 = 20 and (80 + 120) / 2 = 100.
        using var bitmap = new SKBitmap(new SKImageInfo(8, 4, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (int y = 0; y < 4; y++)
            for (int x = 0; x < 8; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(10 * x), (byte)(40 * y), 7));
        var planes = new float[3 * 2 * 2];

        ImageFiles.WriteCentreCrop(bitmap, 3, 2, planes, "the test image");

        double[] expected = [25, 45, 25, 45, 20, 20, 100, 100, 7, 7, 7, 7];
        for (int i = 0; i < expected.Length; i++)
            Assert.InRange(planes[i], Level(expected[i] - 1), Level(expected[i] + 1));
    }

    [Fact]
    public void Given_a_tall_image_When_centre_cropped_at_its_own_width_Then_the_middle_rows_are_kept_exactly()
    {
        // 2 x 6, red = 40 x row: the centred 2 x 2 square is rows 2 and 3.
        using var bitmap = new SKBitmap(new SKImageInfo(2, 6, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 2; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(40 * y), 0, 0));
        var planes = new float[3 * 2 * 2];

        ImageFiles.WriteCentreCrop(bitmap, 3, 2, planes, "the test image");

        Assert.Equal([Level(80), Level(80), Level(120), Level(120)], planes[..4].Select(v => (double)v), new ToleranceComparer(1e-5));
    }

    [Fact]
    public void Given_a_truncated_database_When_loaded_Then_one_sentence_says_so_and_nothing_is_written()
    {
        string folder = CopyOfFixture(bytes => bytes[..40_000]);
        var before = TreeSnapshot.Take(folder);

        var error = Assert.Throws<LsganException>(() => LmdbImages.Load(folder, new LmdbOptions(ImageSize: 4)));

        Assert.StartsWith($"{Path.Combine(folder, "data.mdb")} is a damaged or truncated LMDB database: it is truncated", error.Message);
        TreeSnapshot.AssertKept(before, folder);
        Assert.Single(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Given_a_page_whose_number_is_overwritten_When_loaded_Then_the_damage_is_reported_with_the_page()
    {
        // Page 3's header starts with its own page number; LMDB never writes another there.
        string folder = CopyOfFixture(bytes =>
        {
            BitConverter.GetBytes(99UL).CopyTo(bytes, 3 * 4096);
            return bytes;
        });

        var error = Assert.Throws<LsganException>(() => LmdbImages.Load(folder, new LmdbOptions(ImageSize: 4)));

        Assert.Contains("is a damaged or truncated LMDB database: page 3 says it is page 99", error.Message);
    }

    [Fact]
    public void Given_a_file_that_is_not_lmdb_When_loaded_Then_it_is_named_as_damaged()
    {
        string folder = CopyOfFixture(bytes => new byte[bytes.Length]);

        var error = Assert.Throws<LsganException>(() => LmdbImages.Load(folder, new LmdbOptions(ImageSize: 4)));

        Assert.Equal($"{Path.Combine(folder, "data.mdb")} is a damaged or truncated LMDB database: its first meta page is not an LMDB meta page.", error.Message);
    }

    [Fact]
    public void Given_a_value_that_is_not_an_image_When_loaded_Then_the_error_names_its_key()
    {
        // The PNG signature right after key img005 (values follow their keys in a leaf node) is zeroed.
        string folder = CopyOfFixture(bytes =>
        {
            int at = bytes.AsSpan().IndexOf("img005"u8) + 6;
            Assert.Equal(0x89, bytes[at]);
            Array.Clear(bytes, at, 8);
            return bytes;
        });

        var error = Assert.Throws<LsganException>(() => LmdbImages.Load(folder, new LmdbOptions(ImageSize: 4)));

        Assert.Equal($"The value of key 'img005' in {Path.Combine(folder, "data.mdb")} is not a PNG or JPEG image that can be decoded.", error.Message);
    }

    [Fact]
    public void Given_an_lmdb_1_0_meta_page_When_loaded_Then_the_version_is_named()
    {
        string folder = CopyOfFixture(bytes =>
        {
            bytes[20] = 2;
            return bytes;
        });

        var error = Assert.Throws<LsganException>(() => LmdbImages.Load(folder, new LmdbOptions(ImageSize: 4)));

        Assert.StartsWith($"{Path.Combine(folder, "data.mdb")} is an LMDB database of data version 2; lsgan reads version 1", error.Message);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
