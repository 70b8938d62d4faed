namespace Lsgan.Features.Training;

/// <summary>
/// Progress after one epoch of classifier training: mean training loss and accuracy over the epoch (on
/// augmented images, with dropout), accuracy on the test set in eval mode, and the epoch's wall time.
/// </summary>
public sealed record ClassifierEpochReport(
    int Epoch,
    int Epochs,
    double TrainLoss,
    double TrainAccuracy,
    double TestAccuracy,
    TimeSpan Duration);
