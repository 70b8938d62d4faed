namespace Lsgan.Tests.Models;

// What libtorch 2.10 (oneDNN 3.7.1, oneMKL 2024.0) runs for the models' layers, seen with ONEDNN_VERBOSE=1 and
// MKL_VERBOSE=1 on an AMD EPYC Zen 3 (AVX2, no AVX-512), the same at batch 3 and 64. Every float32 Conv2d and
// ConvTranspose2d pass below goes to oneDNN (each shows a verbose line), none to ATen's slow_conv2d/thnn. oneDNN
// computes a deconvolution through a convolution: deconv forward = conv backward-data.
//   k4 s2 p1 unless noted          forward                    backward-data          backward-weights
//   G ConvT 128→64, 7→14           jit:avx2 (conv bwd-data)   jit:avx2               jit:avx2
//   G ConvT 64→1, 14→28            gemm:jit                   jit:avx2               jit:avx2
//   G ConvT 64→3, 14→28            brgconv_strided:avx2       jit:avx2               jit:avx2
//   D Conv 1→64, 28→14             jit:avx2                   gemm:jit               jit:avx2
//   D Conv 3→64, 28→14             jit:avx2                   brgconv_strided:avx2   jit:avx2
//   D Conv 64→128, 14→7            jit:avx2                   jit:avx2               jit:avx2
//   odd Conv 2→5 8×8 k4 s1 p2      jit:avx2                   jit:avx2               jit:avx2
//   odd ConvT 4→3 6×6 k4 s1 p2     jit:avx2 (conv bwd-data)   jit:avx2               jit:avx2
//   odd Conv 3→8 9×9 k3 s2 p0      jit:avx2                   brgconv_strided:avx2   jit:avx2
//   odd ConvT 5→2 7×7 k3 s2 p0     brgconv_strided:avx2       jit:avx2               jit:avx2
// Linear is MKL SGEMM; batch norm and the activations are ATen's own kernels (no oneDNN), vectorised per
// ATEN_CPU_CAPABILITY. UnfoldedConv2d and FoldedConvTranspose2d are ATen's unfold/fold (im2col/col2im: plain loops,
// not dispatched by ISA) plus MKL SGEMM; UnfoldedConv2d without an input gradient is oneDNN's convolution, as above.
// ONEDNN_MAX_CPU_ISA=SSE41 moves most passes to gemm:jit (im2col + GEMM), the rest to jit:sse41; with it, with =AVX,
// with ATEN_CPU_CAPABILITY=default, with MKL_ENABLE_INSTRUCTIONS=SSE4_2, and with all three together, every test of
// these files passes, the largest error being 5e-6 of the scale.
// The two k4 s1 p2 failures were seen on an AMD EPYC Zen 5 (AVX-512, avx512_vp2intersect): Conv2d's input gradient
// and ConvTranspose2d's output, both oneDNN's convolution backward-data, there an AVX-512 kernel (presumably
// jit:avx512_core; not observable on this CPU). Our layers, which use no oneDNN, agree with this reference there.

/// <summary>
/// Square 2-D convolution and transposed convolution in float64 by plain loops over row-major NCHW arrays, with
/// every gradient: the independent reference that both libtorch's layers and our unfold/fold layers are held to.
/// </summary>
/// <remarks>
/// Both use one index map: kernel tap (p, q) joins small-side pixel (i, j) to large-side pixel
/// (i·stride + p − padding, j·stride + q − padding), taps falling outside the large side being dropped. A
/// convolution reads the large side (its input) and writes the small side; a transposed convolution reads the small
/// side and adds into the large side. Weights: Conv2d [out, in, k, k], ConvTranspose2d [in, out, k, k].
/// </remarks>
internal static class ConvolutionReference
{
    /// <summary>y[n,o,i,j] = bias[o] + Σ_{c,p,q} weight[o,c,p,q]·x[n,c,i·s+p−pad, j·s+q−pad], and its gradients.</summary>
    public static LayerPass Conv2d(ConvolutionShape shape, double[] x, double[] weight, double[] bias, double[] upstream)
    {
        var (batch, inChannels, outChannels, size, k, stride, padding) = shape;
        int outSize = shape.ConvolutionOutSize;
        var y = new double[batch * outChannels * outSize * outSize];
        var dx = new double[x.Length];
        var dw = new double[weight.Length];
        var db = new double[bias.Length];
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outChannels; o++)
                for (int i = 0; i < outSize; i++)
                    for (int j = 0; j < outSize; j++)
                    {
                        int yAt = ((n * outChannels + o) * outSize + i) * outSize + j;
                        double sum = bias[o], g = upstream[yAt];
                        db[o] += g;
                        for (int c = 0; c < inChannels; c++)
                            for (int p = 0; p < k; p++)
                            {
                                int h = i * stride + p - padding;
                                if (h < 0 || h >= size) continue;
                                int xRow = ((n * inChannels + c) * size + h) * size, wRow = ((o * inChannels + c) * k + p) * k;
                                for (int q = 0; q < k; q++)
                                {
                                    int w = j * stride + q - padding;
                                    if (w < 0 || w >= size) continue;
                                    int xAt = xRow + w, wAt = wRow + q;
                                    sum += weight[wAt] * x[xAt];
                                    dx[xAt] += g * weight[wAt];
                                    dw[wAt] += g * x[xAt];
                                }
                            }
                        y[yAt] = sum;
                    }
        return new LayerPass(y, dx, dw, db);
    }

    /// <summary>y[n,o,i·s+p−pad, j·s+q−pad] += x[n,c,i,j]·weight[c,o,p,q], plus bias[o], and its gradients.</summary>
    public static LayerPass ConvTranspose2d(ConvolutionShape shape, double[] x, double[] weight, double[] bias, double[] upstream)
    {
        var (batch, inChannels, outChannels, size, k, stride, padding) = shape;
        int outSize = shape.TransposedOutSize, area = outSize * outSize;
        var y = new double[batch * outChannels * area];
        var dx = new double[x.Length];
        var dw = new double[weight.Length];
        var db = new double[bias.Length];
        for (int n = 0; n < batch; n++)
            for (int c = 0; c < inChannels; c++)
                for (int i = 0; i < size; i++)
                    for (int j = 0; j < size; j++)
                    {
                        int xAt = ((n * inChannels + c) * size + i) * size + j;
                        for (int o = 0; o < outChannels; o++)
                            for (int p = 0; p < k; p++)
                            {
                                int h = i * stride + p - padding;
                                if (h < 0 || h >= outSize) continue;
                                int yRow = ((n * outChannels + o) * outSize + h) * outSize, wRow = ((c * outChannels + o) * k + p) * k;
                                for (int q = 0; q < k; q++)
                                {
                                    int w = j * stride + q - padding;
                                    if (w < 0 || w >= outSize) continue;
                                    int yAt = yRow + w, wAt = wRow + q;
                                    y[yAt] += x[xAt] * weight[wAt];
                                    dx[xAt] += upstream[yAt] * weight[wAt];
                                    dw[wAt] += upstream[yAt] * x[xAt];
                                }
                            }
                    }
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outChannels; o++)
                for (int at = (n * outChannels + o) * area, end = at + area; at < end; at++)
                {
                    y[at] += bias[o];
                    db[o] += upstream[at];
                }
        return new LayerPass(y, dx, dw, db);
    }
}
