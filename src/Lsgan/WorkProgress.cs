namespace Lsgan;

/// <summary>
/// How far a long job has come, for <see cref="IProgress{T}"/>: <paramref name="Done"/> of <paramref name="Total"/>
/// units (stages, steps) and what it is doing now. The library only reports; the CLI draws the bar and the ETA.
/// </summary>
/// <param name="Done">Units finished.</param>
/// <param name="Total">Units in all.</param>
/// <param name="Description">What is under way, e.g. "sampling 10,000 images".</param>
public sealed record WorkProgress(long Done, long Total, string Description);
