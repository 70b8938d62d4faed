using Lsgan.Experiments.Studies;

namespace Lsgan.Cli.Commands;

/// <summary>
/// A study as train options: axes whose values are lists of train options (e.g. loss: bce → ["--loss", "bce"]), and
/// options fixed for every run. From a preset (<see cref="StudyPresets"/>) or a study file (<see cref="StudyFile"/>).
/// </summary>
/// <param name="Name">The preset's or file's name.</param>
/// <param name="Axes">Each axis: its name and its values' labels with their train options, in order.</param>
/// <param name="Fixed">Train options every run shares (the command line's own override these).</param>
/// <param name="Seeds">Seeds per setting when the command line gives no --seeds.</param>
internal sealed record StudySpec(
    string Name,
    IReadOnlyList<(string Axis, IReadOnlyList<(string Label, IReadOnlyList<string> Arguments)> Values)> Axes,
    IReadOnlyList<string> Fixed,
    int? Seeds = null)
{
    /// <summary>The grid: every combination of the axes' values, the first axis varying slowest.</summary>
    public IReadOnlyList<StudySetting> Settings()
    {
        IEnumerable<(List<string> Labels, List<string> Arguments)> cells = [([], [])];
        foreach (var (_, values) in Axes)
            cells = cells.SelectMany(cell => values.Select(v => (cell.Labels.Append(v.Label).ToList(), cell.Arguments.Concat(v.Arguments).ToList())));
        return cells.Select(c => new StudySetting(string.Join("-", c.Labels), c.Labels, c.Arguments)).ToList();
    }

    public IReadOnlyList<StudyAxis> AxisLabels() => Axes.Select(a => new StudyAxis(a.Axis, a.Values.Select(v => v.Label).ToList())).ToList();
}
