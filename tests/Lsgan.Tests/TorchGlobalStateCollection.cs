namespace Lsgan.Tests;

/// <summary>
/// Tests that rely on torch's process-wide state (the global random generator that seeds module weights and
/// dropout, and the intra-op thread count). xUnit runs this collection alone, after the parallel ones, so
/// other tests drawing random numbers meanwhile cannot make a seeded run irreproducible.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGlobalStateCollection
{
    public const string Name = "Torch global state";
}
