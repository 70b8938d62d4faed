using Lsgan.Runtime;

namespace Lsgan.Tests.Runtime;

public class NativeAllocatorTests
{
    [Fact]
    public void Glibc_accepts_both_settings_on_Linux()
    {
        // mallopt answers 0 to a parameter or value it refuses, and a wrong library or entry point throws: both fail here.
        Assert.Equal(OperatingSystem.IsLinux(), NativeAllocator.KeepFreedMemory());
        Assert.Equal(OperatingSystem.IsLinux(), NativeAllocator.KeepFreedMemory());
    }
}
