using Lsgan.Evaluation;
using Lsgan.Experiments.Studies;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Cli.Commands;

/// <summary>A study's datasets and evaluators, each loaded once (on first use) and shared by every run that needs it.</summary>
internal sealed class StudyData(string? dataDir) : IStudyData, IDisposable
{
    private readonly Dictionary<(string, int, int), (IDisposable Owner, Tensor Images)> images = [];
    private readonly Dictionary<string, TestSetEvaluator> evaluators = [];

    public Tensor TrainImages(TrainConfig config)
    {
        lock (images)
        {
            // Keyed by what the images are made for: a folder is resized to each model's size and channels.
            var key = (config.Dataset, config.Model.Channels, config.Model.ImageSize);
            if (!images.TryGetValue(key, out var loaded))
            {
                var set = DatasetLoading.LoadTrain(config, dataDir);
                images[key] = loaded = (set, set.Images);
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
