using Lsgan.Bench;

namespace Lsgan.Tests.Bench;

public class MachinePeakTests
{
    [Fact]
    public void Given_a_cpuinfo_text_when_parsed_then_the_model_and_only_the_vector_flags_of_the_first_processor_are_kept()
    {
        const string text = """
            processor	: 0
            vendor_id	: AuthenticAMD
            model name	: AMD EPYC 9R45
            flags		: fpu sse4_2 avx2 fma avx512f avx512_vp2intersect avx512_bf16 bmi2 f16c amx_tile
            processor	: 1
            model name	: Something Else
            flags		: fpu sse4_2
            """;

        var cpu = CpuInfo.Parse(text, logicalCores: 2, vectorBits: 512);

        Assert.Equal("AMD EPYC 9R45", cpu.Model);
        Assert.Equal(["amx_tile", "avx2", "avx512_bf16", "avx512_vp2intersect", "avx512f", "f16c", "fma", "sse4_2"], cpu.VectorFlags);
        Assert.Contains("AVX-512", cpu.ToString());
    }

    [Theory]
    [InlineData(0.999f, 0.001f, 1000)]
    [InlineData(0.5f, 1f, 37)]
    [InlineData(1f, 0.25f, 400)]
    public void Given_the_fma_loop_when_run_n_iterations_then_it_computes_the_closed_form_of_the_recurrence(float m, float c, int n)
    {
        // acc_{k+1} = m·acc_k + c from acc_0 = 0 gives c·(1 − m^n)/(1 − m) (n·c when m = 1): the loop does
        // every iteration it is counted for, so FLOPs per second are what the bench says they are.
        double expected = m == 1f ? n * (double)c : c * (1 - Math.Pow(m, n)) / (1 - m);

        float actual = FmaPeak.RunOneThread(n, m, c);

        Assert.InRange(actual, expected * (1 - 1e-4), expected * (1 + 1e-4));
    }

    [Fact]
    public void Given_iterations_and_lanes_when_flops_are_counted_then_each_lane_of_each_accumulator_counts_two()
    {
        Assert.Equal(2.0 * 1000 * 12 * 8, FmaPeak.FlopsPerThread(1000, 8));
        Assert.Contains(FmaPeak.Lanes, new[] { 4, 8, 16 });
    }

    [Fact]
    public void Given_the_fma_loop_and_two_gemm_rates_when_the_peak_is_chosen_then_the_highest_wins_and_is_named()
    {
        Assert.Equal(new MachinePeak(359, "PyTorch peer's BLAS GEMM"), MachinePeak.Choose(320, 180, 359));
        Assert.Equal(new MachinePeak(320, "FMA loop"), MachinePeak.Choose(320, 180, null));
    }
}

public class KernelPathsTests
{
    [Fact]
    public void Given_onednn_and_mkl_verbose_lines_when_summarised_then_calls_are_summed_by_kernel_and_shape()
    {
        const string log = """
            onednn_verbose,v1,info,cpu,isa:Intel AVX2
            onednn_verbose,v1,primitive,exec,cpu,convolution,jit:avx2,forward_training,src:f32 dst:f32,attr-scratchpad:user,alg:convolution_direct,mb64_ic1oc64,31.5
            onednn_verbose,v1,primitive,exec,cpu,convolution,jit:avx2,forward_training,src:f32 dst:f32,attr-scratchpad:user,alg:convolution_direct,mb64_ic1oc64,8.5
            onednn_verbose,v1,primitive,exec,cpu,reorder,jit:blk,undef,src:f32 dst:f32,attr-scratchpad:user,,64x128x7x7,2.25
            MKL_VERBOSE oneMKL 2024.0 Update 2 Product build
            MKL_VERBOSE SGEMM(T,N,256,64,100,0x1,0x2,100,0x3,100,0x4,0x5,256) 60.19ms CNR:OFF Dyn:0 FastMM:1 TID:0  NThr:2
            MKL_VERBOSE SGEMM(T,N,256,64,100,0x1,0x2,100,0x3,100,0x4,0x5,256) 810us CNR:OFF Dyn:0 FastMM:1 TID:0  NThr:2
            a line of our own
            """;

        var calls = KernelPaths.Summarise(log);

        Assert.Equal(3, calls.Count);
        Assert.Equal(new KernelPaths.Call("MKL", "SGEMM", "TN m256 n64 k100", 2, 60.19 + 0.81), calls[0] with { TotalMs = Math.Round(calls[0].TotalMs, 6) });
        Assert.Equal(new KernelPaths.Call("oneDNN", "convolution jit:avx2 forward_training", "mb64_ic1oc64", 2, 40), calls[1]);
        Assert.Equal(new KernelPaths.Call("oneDNN", "reorder jit:blk", "64x128x7x7", 1, 2.25), calls[2]);
    }

    [Theory]
    [InlineData("1.14s", 1140)]
    [InlineData("60.19ms", 60.19)]
    [InlineData("747.5us", 0.7475)]
    [InlineData("12ns", 0.000012)]
    public void Given_an_mkl_duration_when_parsed_then_it_is_in_milliseconds(string text, double ms)
    {
        Assert.Equal(ms, KernelPaths.ParseDuration(text), 9);
    }
}
