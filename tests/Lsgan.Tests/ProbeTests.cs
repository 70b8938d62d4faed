namespace Lsgan.Tests;

public class ProbeTests
{
    [Fact]
    public void Libtorch_loads_and_sums_ones() => Assert.Equal("4", Probe.Run());
}
