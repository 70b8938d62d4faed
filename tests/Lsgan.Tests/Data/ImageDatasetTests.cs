using Lsgan.Data;
using static TorchSharp.torch;

namespace Lsgan.Tests.Data;

public sealed class ImageDatasetTests : IDisposable
{
    private const double Tolerance = 1e-6;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private ImageDataset Load(SyntheticDataset dataset, DatasetSplit split = DatasetSplit.Train)
    {
        dataset.WriteTo(Path.Combine(temp.Path, dataset.Info.Name), gzip: true);
        var fetcher = new DatasetFetcher(new DatasetFetchOptions
        {
            DataDir = temp.Path, UseSystemCopy = false, UsePackageClients = false, UseDownload = false,
        });
        return ImageDataset.Load(dataset.Info, split, fetcher);
    }

    [Fact]
    public void Given_a_synthetic_train_split_When_loaded_Then_shapes_types_and_labels_are_right()
    {
        using var data = Load(new SyntheticDataset());

        Assert.Equal(3, data.Count);
        Assert.Equal([3L, 1, SyntheticDataset.Height, SyntheticDataset.Width], data.Images.shape);
        Assert.Equal(ScalarType.Float32, data.Images.dtype);
        Assert.Equal(ScalarType.Int64, data.Labels.dtype);
        Assert.Equal([0L, 2, 1], data.Labels.data<long>().ToArray());
        Assert.Equal(["zero", "one", "two"], data.ClassNames);
    }

    [Fact]
    public void Given_the_test_split_When_loaded_Then_the_t10k_files_are_used()
    {
        using var data = Load(new SyntheticDataset(), DatasetSplit.Test);

        Assert.Equal(2, data.Count);
        Assert.Equal([1L, 1], data.Labels.data<long>().ToArray());
    }

    [Fact]
    public void Given_pixels_0_255_and_51_When_loaded_Then_they_scale_to_minus_one_one_and_minus_0_6()
    {
        using var data = Load(new SyntheticDataset());

        // The first image's first row is 0, 255, 51.
        Assert.InRange(data.Images[0, 0, 0, 0].item<float>(), -1 - Tolerance, -1 + Tolerance);
        Assert.InRange(data.Images[0, 0, 0, 1].item<float>(), 1 - Tolerance, 1 + Tolerance);
        Assert.InRange(data.Images[0, 0, 0, 2].item<float>(), -0.6 - Tolerance, -0.6 + Tolerance);
    }

    [Fact]
    public void Given_row_major_idx_pixels_When_loaded_Then_each_lands_at_its_image_row_and_column()
    {
        var dataset = new SyntheticDataset();
        using var data = Load(dataset);

        // Image 2, row 1, column 0 is byte 2*6 + 1*3 + 0 of the payload.
        float expected = dataset.TrainPixels[15] / 127.5f - 1f;
        Assert.InRange(data.Images[2, 0, 1, 0].item<float>(), expected - Tolerance, expected + Tolerance);
    }

    [Fact]
    public void Given_images_of_the_wrong_size_When_loaded_Then_the_error_names_the_shape()
    {
        var dataset = new SyntheticDataset(trainShape: [3, 3, 2]);

        var error = Assert.Throws<LsganException>(() => Load(dataset));

        Assert.Contains("[3, 3, 2]", error.Message);
        Assert.Contains(DatasetFile.TrainImages, error.Message);
    }

    [Fact]
    public void Given_fewer_labels_than_images_When_loaded_Then_it_is_rejected()
    {
        var dataset = new SyntheticDataset(trainLabels: [0, 1]);

        var error = Assert.Throws<LsganException>(() => Load(dataset));

        Assert.Contains(DatasetFile.TrainLabels, error.Message);
        Assert.Contains("each of the 3 images", error.Message);
    }

    [Fact]
    public void Given_a_label_beyond_the_class_count_When_loaded_Then_it_is_rejected_with_its_index()
    {
        var dataset = new SyntheticDataset(trainLabels: [0, 3, 1]);

        var error = Assert.Throws<LsganException>(() => Load(dataset));

        Assert.Contains("label 3 at index 1", error.Message);
    }
}
