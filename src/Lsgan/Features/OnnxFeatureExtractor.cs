using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Lsgan.Features;

/// <summary>
/// Features from a user's ONNX network, e.g. an Inception-v3 export whose 2048-d pool3 output gives the
/// standard FID of Heusel et al. 2017 (as pytorch-fid computes it) instead of our own classifier's features.
/// </summary>
/// <remarks>
/// Images go through the steps pytorch-fid takes: grayscale tiled to RGB, [−1, 1] mapped to [0, 1], a bilinear
/// resize to the model's input size (align_corners false, no antialiasing, as <c>F.interpolate</c> there), then
/// the <see cref="OnnxInputNormalization"/> the model expects. Figures match published FIDs only when the
/// model holds pytorch-fid's Inception weights.
/// </remarks>
public sealed class OnnxFeatureExtractor : IDisposable
{
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly OnnxModelInterface modelInterface;
    private readonly int batchSize;

    /// <summary>
    /// Loads the model at <paramref name="modelPath"/>; throws <see cref="LsganException"/> when the file is
    /// missing, is not ONNX, or does not take float images [N, 3, H, W] and give features [N, D] (or [N, D, 1, 1]).
    /// </summary>
    public OnnxFeatureExtractor(string modelPath, OnnxFeatureExtractorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        options ??= new OnnxFeatureExtractorOptions();
        var errors = options.Validate();
        if (errors.Count > 0) throw new LsganException($"Invalid feature model options: {string.Join("; ", errors)}.");
        if (!File.Exists(modelPath)) throw new LsganException($"The feature model '{modelPath}' does not exist.");

        ModelPath = modelPath;
        ModelSha256 = Sha256Of(modelPath);
        Normalization = options.Normalization;
        session = Open(modelPath, options.Threads);
        try
        {
            modelInterface = OnnxModelInterface.Read(session, modelPath, options);
        }
        catch
        {
            Dispose();
            throw;
        }
        batchSize = modelInterface.FixedBatch ?? options.BatchSize;
    }

    /// <summary>The model file, as given.</summary>
    public string ModelPath { get; }

    /// <summary>The model file's SHA-256 (64 lowercase hex digits), which identifies its features in reports.</summary>
    public string ModelSha256 { get; }

    /// <summary>The output the features are read from.</summary>
    public string OutputName => modelInterface.OutputName;

    /// <summary>The scaling applied before the model.</summary>
    public OnnxInputNormalization Normalization { get; }

    /// <summary>Height images are resized to.</summary>
    public int InputHeight => modelInterface.Height;

    /// <summary>Width images are resized to.</summary>
    public int InputWidth => modelInterface.Width;

    /// <summary>D, when the model's metadata fixes it (2048 for Inception's pool3).</summary>
    public int? FeatureDimension => modelInterface.FeatureDimension;

    /// <summary>
    /// Returns float32 CPU features [N, D] for images [N, 1 or 3, H, W] in [−1, 1], run in batches.
    /// The caller owns (disposes) the result.
    /// </summary>
    public Tensor Extract(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] is not (1 or 3) || images.shape[0] < 1)
        {
            throw new LsganException(
                $"The feature model takes at least one image [N, 1 or 3, H, W], not a tensor of shape [{string.Join(", ", images.shape)}].");
        }

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var features = new List<Tensor>();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            // One scope per batch: its resized copy (N x 3 x 299 x 299 floats) is freed before the next.
            using var batchScope = NewDisposeScope();
            var batch = images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start));
            features.Add(Run(Preprocess(batch)).narrow(0, 0, batch.shape[0]).MoveToOuterDisposeScope());
        }
        return cat(features, 0).MoveToOuterDisposeScope();
    }

    /// <summary>The model's input for images in [−1, 1]: RGB, resized and normalised, padded to a fixed batch.</summary>
    internal Tensor Preprocess(Tensor images)
    {
        var pixels = (images.to(ScalarType.Float32, CPU) + 1) / 2;
        if (pixels.shape[2] != InputHeight || pixels.shape[3] != InputWidth)
        {
            pixels = nn.functional.interpolate(pixels, [InputHeight, InputWidth], mode: InterpolationMode.Bilinear, align_corners: false);
        }

        // Resizing one channel before tiling it is 3x cheaper; the broadcast below makes the 3 channels.
        var mean = tensor(Normalization.Mean.ToArray()).view(1, 3, 1, 1);
        var std = tensor(Normalization.StandardDeviation.ToArray()).view(1, 3, 1, 1);
        var normalised = ((pixels.expand(-1, 3, -1, -1) - mean) / std).contiguous();
        long padding = modelInterface.FixedBatch is int fixedBatch ? fixedBatch - normalised.shape[0] : 0;
        return padding > 0 ? cat([normalised, zeros(padding, 3, InputHeight, InputWidth)], 0) : normalised;
    }

    private Tensor Run(Tensor input)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input.data<float>().ToArray(), input.shape);
        try
        {
            using var outputs = session.Run(runOptions, [modelInterface.InputName], [value], [OutputName]);
            long[] shape = outputs[0].GetTensorTypeAndShape().Shape;
            bool features = shape.Length == 2 || shape is [_, _, 1, 1];
            if (!features || shape[0] != input.shape[0])
            {
                throw new LsganException(
                    $"The feature model '{ModelPath}' gave '{OutputName}' of shape [{string.Join(", ", shape)}] for {input.shape[0]} images, not [{input.shape[0]}, D].");
            }
            return tensor(outputs[0].GetTensorDataAsSpan<float>().ToArray(), [shape[0], shape[1]]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new LsganException($"The feature model '{ModelPath}' failed on a batch of images: {FirstLine(e.Message)}", e);
        }
    }

    private static InferenceSession Open(string path, int threads)
    {
        using var options = new SessionOptions();
        if (threads > 0) options.IntraOpNumThreads = threads;
        try
        {
            return new InferenceSession(path, options);
        }
        catch (Exception e) when (e is OnnxRuntimeException or IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"Cannot load the feature model '{path}' as ONNX: {FirstLine(e.Message)}", e);
        }
    }

    private static string Sha256Of(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LsganException($"Cannot read the feature model '{path}': {FirstLine(e.Message)}", e);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        session.Dispose();
        runOptions.Dispose();
    }
}
