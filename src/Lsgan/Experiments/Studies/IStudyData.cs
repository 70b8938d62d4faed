using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Experiments.Studies;

/// <summary>What a study's runs train on and are evaluated against; the caller loads it (once per dataset) and owns it.</summary>
public interface IStudyData
{
    /// <summary>The training images of <paramref name="config"/>'s dataset ([N, C, H, W] in [−1, 1]); not disposed by the study.</summary>
    Tensor TrainImages(TrainConfig config);

    /// <summary>The evaluator of <paramref name="config"/>'s --eval-every; called from several jobs at once only under a lock the study holds.</summary>
    IRunEvaluator? Evaluator(TrainConfig config);
}
