namespace Lsgan.Training;

/// <summary>A loss or D output became NaN or infinite; the session stops without saving over good checkpoints.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
