namespace Lsgan.Losses;

/// <summary>A GAN objective lsgan can train with, registered once in <see cref="LossFamilies"/>.</summary>
/// <param name="Name">The kind as configs and --loss spell it.</param>
/// <param name="Description">What the objective is, for help texts.</param>
/// <param name="Create">Builds the loss from a config (with its labels a, b, c where the objective has them).</param>
/// <param name="Validate">The config's problems for this objective, empty when there are none.</param>
public sealed record LossFamily(string Name, string Description, Func<LossConfig, IGanLoss> Create, Func<LossConfig, IEnumerable<string>> Validate);
