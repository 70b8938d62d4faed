namespace Lsgan.Experiments.Studies;

/// <summary>One axis of a study's grid: a name and its values' labels, in order (the first is the baseline of comparisons).</summary>
public sealed record StudyAxis(string Name, IReadOnlyList<string> Values);
