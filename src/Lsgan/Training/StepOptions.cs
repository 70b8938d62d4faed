namespace Lsgan.Training;

/// <summary>
/// Ways to compute the same training step with less work. Each leaves the algorithm unchanged; they can be
/// switched on or off to measure them (bench/) or to rule them out. Part of <see cref="RuntimeOptions"/>, not of
/// the experiment's config.
/// </summary>
/// <param name="JointDiscriminatorPass">
/// When D has no batch norm, score real and generated batches in one D forward: the same function with
/// fewer, larger kernels. Ignored with batch norm in D, where it would mix the batches' statistics.
/// </param>
/// <param name="FreezeDiscriminatorForGenerator">
/// During G's update, D's weights need no gradients (they are cleared before D's next update), so
/// autograd skips their weight-gradient products and computes only what flows back into G.
/// </param>
/// <param name="ClearGradientsToNone">
/// Drop gradients instead of zeroing them: backward then writes them instead of adding onto zeros
/// (bitwise the same values, without the memset and the add). On by default since the allocator keeps freed
/// buffers (Runtime.NativeAllocator, set by the entry points): before that, fresh gradient buffers faulted their pages in
/// every step and dcgan ran 15 % slower; now mlp gains ~5 % and dcgan is unchanged (bench/results.md).
/// </param>
/// <param name="FusedAdam">
/// Adam's update in one pass over each parameter (<see cref="Fused.Adam"/>) instead of TorchSharp's ~9 libtorch
/// calls per parameter; the same arithmetic, equal to float rounding.
/// </param>
/// <param name="UnfoldedImageLayers">
/// DCGAN's image-side layers (G's last transposed convolution, D's first convolution's input gradient) through
/// unfold/fold and a matrix product (<see cref="Models.Layers.FoldedConvTranspose2d"/>,
/// <see cref="Models.Layers.UnfoldedConv2d"/>), where libtorch's kernels are slow with 1–3 channels; the same
/// function and parameters, equal to float rounding.
/// </param>
public sealed record StepOptions(
    bool JointDiscriminatorPass = true,
    bool FreezeDiscriminatorForGenerator = true,
    bool ClearGradientsToNone = true,
    bool FusedAdam = true,
    bool UnfoldedImageLayers = true);
