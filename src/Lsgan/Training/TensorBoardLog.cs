using Lsgan.IO;
using TorchSharp;
using TorchSharp.Modules;

namespace Lsgan.Training;

/// <summary>
/// Writes a run's losses, D's outputs, evaluations and sample grids to a TensorBoard event file
/// (<c>events.out.tfevents.*</c>) in the run directory, through TorchSharp's <c>SummaryWriter</c>.
/// </summary>
/// <remarks>
/// Each session (a new run or a resume) starts a file of its own and never rewrites an earlier one; TensorBoard
/// reads every event file in the directory as one run. After a kill -9 the steps since the last checkpoint are
/// trained again, so they appear twice in the earlier file and the new one.
/// </remarks>
public sealed class TensorBoardLog : ITrainingObserver
{
    private readonly SummaryWriter writer;
    private readonly string directory;

    /// <summary>Creates the session's event file in <paramref name="runDirectory"/>.</summary>
    public TensorBoardLog(string runDirectory)
    {
        directory = runDirectory;
        SummaryWriter? created = null;
        Guard(() => created = torch.utils.tensorboard.SummaryWriter(runDirectory));
        writer = created!;
    }

    /// <summary>Event files hold the step as a 32-bit integer; steps beyond it are written as its largest value.</summary>
    private static int Step(long step) => (int)Math.Min(step, int.MaxValue);

    public void MetricsLogged(MetricsRecord record) => Guard(() =>
    {
        int step = Step(record.Step);
        writer.add_scalar("loss/d", (float)record.DLoss, step);
        writer.add_scalar("loss/g", (float)record.GLoss, step);
        writer.add_scalar("d_output/real", (float)record.DReal, step);
        writer.add_scalar("d_output/fake", (float)record.DFake, step);
        writer.add_scalar("speed/images_per_second", (float)record.ImagesPerSecond, step);
    });

    // One tag for every grid of the fixed noise, so TensorBoard's step slider moves through them.
    public void GridSaved(long step, string name, string pngPath) =>
        Guard(() => writer.add_img(name == "reals" ? "reals" : "samples", pngPath, Step(step)));

    public void Evaluated(EvaluationRecord record) => Guard(() =>
    {
        int step = Step(record.Step);
        var e = record.Evaluation;
        writer.add_scalar("eval/fid", (float)e.Fid, step);
        writer.add_scalar("eval/precision", (float)e.Precision, step);
        writer.add_scalar("eval/recall", (float)e.Recall, step);
        writer.add_scalar("eval/classes_covered", e.ClassesCovered, step);
    });

    private void Guard(Action write) => WriteFailure.Guard(Path.Combine(directory, "events.out.tfevents.*"), write);
}
