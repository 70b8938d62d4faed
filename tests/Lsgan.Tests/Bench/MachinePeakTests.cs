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
