using Lsgan.Runtime;

namespace Lsgan.Tests.Runtime;

public class NativeAllocatorTests
{
    [Fact]
    public void Glibc_accepts_both_settings_on_Linux()
    {
        // mallopt answers 0 to a value it refuses (e.g. an mmap threshold above 32 MiB): this fails then.
        Assert.Equal(OperatingSystem.IsLinux(), NativeAllocator.KeepFreedMemory());
        Assert.Equal(OperatingSystem.IsLinux(), NativeAllocator.KeepFreedMemory());
    }
}
