using Lsgan.Evaluation;
using Lsgan.Experiments;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Cli.Commands;

/// <summary>A study's datasets and evaluators, each loaded once (on first use) and shared by every run that needs it.</summary>
internal sealed class StudyData(string? dataDir) : IStudyData, IDisposable
{
    private readonly Dictionary<string, (IDisposable Owner, Tensor Images)> images = [];
    private readonly Dictionary<string, TestSetEvaluator> evaluators = [];

    public Tensor TrainImages(TrainConfig config)
    {
        lock (images)
        {
            if (!images.TryGetValue(config.Dataset, out var loaded))
            {
                var owner = DatasetLoading.LoadTrainImages(config.Dataset, dataDir, config.Model.Channels, out var tensor);
                images[config.Dataset] = loaded = (owner, tensor);
            }
            return loaded.Images;
        }
    }

    public IRunEvaluator? Evaluator(TrainConfig config)
    {
        lock (evaluators)
        {
            if (!evaluators.TryGetValue(config.Dataset, out var evaluator))
                evaluators[config.Dataset] = evaluator = TrainCommand.CreateEvaluator(config.Dataset, dataDir);
            return evaluator;
        }
    }

    public void Dispose()
    {
        foreach (var (owner, _) in images.Values) owner.Dispose();
        foreach (var evaluator in evaluators.Values) evaluator.Dispose();
    }
}
