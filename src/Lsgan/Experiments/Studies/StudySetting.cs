namespace Lsgan.Experiments.Studies;

/// <summary>One cell of a study's grid: its name, its label on each axis, and the train options that make it.</summary>
/// <param name="Name">The labels joined by '-', e.g. "ls-bn"; runs are named "&lt;name&gt;-seed&lt;S&gt;".</param>
/// <param name="Labels">Its value's label on each axis, in the axes' order.</param>
/// <param name="Arguments">The train options of this cell, e.g. ["--loss", "ls", "--g-batchnorm"].</param>
public sealed record StudySetting(string Name, IReadOnlyList<string> Labels, IReadOnlyList<string> Arguments);
