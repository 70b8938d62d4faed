namespace Lsgan.Export;

/// <summary>
/// One element of the exported generator as a PyTorch <c>nn.Sequential</c>: the <c>torch.nn</c> constructor as
/// Python writes it, and the prefix of our state-dict keys whose tensors it takes (null for a layer without any).
/// </summary>
/// <param name="Python">The module as a Python expression over <c>nn</c>, e.g. <c>nn.Linear(100, 256)</c>.</param>
/// <param name="Source">Our generator's key prefix, e.g. <c>layers.linear256</c>.</param>
public sealed record PyTorchLayer(string Python, string? Source = null);
