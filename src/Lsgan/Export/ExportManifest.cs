namespace Lsgan.Export;

/// <summary>
/// The JSON written beside exported weights: enough to rebuild the generator in PyTorch without lsgan.
/// </summary>
/// <param name="Format">"lsgan-generator" and a version, so a reader can tell what it holds.</param>
/// <param name="Weights">The weights file's name, in the same folder.</param>
/// <param name="Model">The model family (mlp, dcgan).</param>
/// <param name="LatentDim">Size of z; z ~ N(0, I).</param>
/// <param name="Channels">Image channels.</param>
/// <param name="ImageSize">Image height = width.</param>
/// <param name="GeneratorBatchNorm">Whether G has batch norm.</param>
/// <param name="OutputRange">Pixel range of the output (tanh): map to [0, 1] with (x + 1) / 2.</param>
/// <param name="OutputShape">Shape of one sample, [C, H, W].</param>
/// <param name="Layers">The generator as an nn.Sequential of these torch.nn expressions; the weights are keyed by their index.</param>
/// <param name="Note">How to run it: eval mode, so batch norm uses the running statistics it was trained with.</param>
/// <param name="Dataset">The dataset it was trained on.</param>
/// <param name="Loss">The loss it was trained with (ls or bce).</param>
/// <param name="Step">G updates the checkpoint had done.</param>
public sealed record ExportManifest(
    string Format,
    string Weights,
    string Model,
    int LatentDim,
    int Channels,
    int ImageSize,
    bool GeneratorBatchNorm,
    double[] OutputRange,
    int[] OutputShape,
    IReadOnlyList<string> Layers,
    string Note,
    string Dataset,
    string Loss,
    long Step);
