namespace Lsgan.Metrics;

/// <summary>The k-nearest-neighbour metrics of one generated set, from <see cref="NearestNeighbourMetrics.Compute(TorchSharp.torch.Tensor, TorchSharp.torch.Tensor, int, int)"/>.</summary>
/// <param name="PrecisionRecall">Improved precision and recall (Kynkäänniemi et al. 2019).</param>
/// <param name="DensityCoverage">Density and coverage (Naeem et al. 2020).</param>
public sealed record NearestNeighbourResult(PrecisionRecallResult PrecisionRecall, DensityCoverageResult DensityCoverage);
