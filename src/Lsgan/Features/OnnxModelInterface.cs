using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Lsgan.Features;

/// <summary>
/// What <see cref="OnnxFeatureExtractor"/> reads from a model's metadata: one float image input [N, 3, H, W]
/// and a float feature output [N, D] or [N, D, 1, 1]. ONNX marks unknown (symbolic) dimensions as −1.
/// </summary>
/// <param name="InputName">The model's only input.</param>
/// <param name="Height">Input height images are resized to.</param>
/// <param name="Width">Input width images are resized to.</param>
/// <param name="FixedBatch">The batch size the model was exported with, when it is not dynamic.</param>
/// <param name="OutputName">The output holding the features.</param>
/// <param name="FeatureDimension">D, when the model's metadata fixes it.</param>
internal sealed record OnnxModelInterface(string InputName, int Height, int Width, int? FixedBatch, string OutputName, int? FeatureDimension)
{
    /// <summary>Checks the model's interface, throwing one <see cref="LsganException"/> naming what is wrong.</summary>
    public static OnnxModelInterface Read(InferenceSession session, string path, OnnxFeatureExtractorOptions options)
    {
        if (session.InputMetadata.Count != 1)
        {
            throw new LsganException(
                $"The feature model '{path}' has {session.InputMetadata.Count} inputs; it needs exactly one, images [N, 3, H, W].");
        }

        var (inputName, input) = session.InputMetadata.First();
        int[] inputShape = input.IsTensor ? input.Dimensions : [];
        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float || inputShape.Length != 4 || inputShape[1] is not (3 or -1))
        {
            throw new LsganException(
                $"The feature model '{path}' takes '{inputName}' as {Describe(input)}, not float images [N, 3, H, W].");
        }

        var (height, width) = InputSize(path, inputShape[2], inputShape[3], options.InputSize);
        var (outputName, output) = Output(session, path, options.OutputName);
        int[] outputShape = output.IsTensor ? output.Dimensions : [];
        bool squeezable = outputShape.Length == 4 && outputShape[2] is (1 or -1) && outputShape[3] is (1 or -1);
        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float || !(outputShape.Length == 2 || squeezable))
        {
            throw new LsganException(
                $"The feature model '{path}' gives '{outputName}' as {Describe(output)}, not float features [N, D] or [N, D, 1, 1].");
        }

        int? fixedBatch = inputShape[0] > 0 ? inputShape[0] : null;
        int? dimension = outputShape[1] > 0 ? outputShape[1] : null;
        return new OnnxModelInterface(inputName, height, width, fixedBatch, outputName, dimension);
    }

    private static (int Height, int Width) InputSize(string path, int height, int width, int? requested)
    {
        if (height > 0 && width > 0)
        {
            if (requested is not null && (requested != height || requested != width))
            {
                throw new LsganException(
                    $"The feature model '{path}' takes {height}x{width} images, so it cannot be fed {requested}x{requested} ones.");
            }
            return (height, width);
        }
        int size = requested ?? OnnxFeatureExtractorOptions.DefaultInputSize;
        return (height > 0 ? height : size, width > 0 ? width : size);
    }

    private static (string Name, NodeMetadata Metadata) Output(InferenceSession session, string path, string? requested)
    {
        if (session.OutputMetadata.Count == 0) throw new LsganException($"The feature model '{path}' has no outputs.");
        if (requested is null) return (session.OutputNames[0], session.OutputMetadata[session.OutputNames[0]]);
        if (session.OutputMetadata.TryGetValue(requested, out var metadata)) return (requested, metadata);
        throw new LsganException(
            $"The feature model '{path}' has no output '{requested}'; its outputs are {string.Join(", ", session.OutputNames.Select(n => $"'{n}'"))}.");
    }

    private static string Describe(NodeMetadata node) =>
        node.IsTensor
            ? $"{node.ElementDataType.ToString().ToLowerInvariant()} [{string.Join(", ", node.Dimensions.Select(d => d < 0 ? "?" : d.ToString()))}]"
            : $"a {node.OnnxValueType} value";
}
