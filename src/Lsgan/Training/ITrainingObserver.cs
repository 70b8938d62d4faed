namespace Lsgan.Training;

/// <summary>
/// Told what a <see cref="TrainingSession"/> has just written to the run, so that another log (TensorBoard's
/// event file) can follow the same records without the session knowing about it.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>A metrics.jsonl line was appended.</summary>
    void MetricsLogged(MetricsRecord record);

    /// <summary>A grid of samples from the fixed noise (or of training images, <paramref name="name"/> "reals") was saved as a PNG.</summary>
    void GridSaved(long step, string name, string pngPath);

    /// <summary>A metric-evaluation.jsonl line was appended (--eval-every).</summary>
    void Evaluated(EvaluationRecord record);
}
