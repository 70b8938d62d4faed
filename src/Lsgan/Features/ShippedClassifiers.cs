namespace Lsgan.Features;

/// <summary>
/// The feature networks behind every metric (FID, precision/recall, coverage…). No Inception weights can be
/// downloaded offline, so lsgan trains and ships a small classifier per dataset; retrain with the command
/// recorded here, then update the hash and accuracy.
/// </summary>
public static class ShippedClassifiers
{
    public static IReadOnlyList<ShippedClassifier> All { get; } =
    [
        new("mnist", "mnist.lsganfc", "b97b3f0edc7743ac8d6cdab213f632189146d8c21a86f48c62713c2c807e7e23", 0.9951, "./lsgan train-classifier --dataset mnist --seed 0 --threads 2"),
        new("fashion-mnist", "fashion-mnist.lsganfc", "73d8c73d6d9036174ef1d7ea9f446aaa0132126f26103ed5fd1d9d0d705fce69", 0.9301, "./lsgan train-classifier --dataset fashion-mnist --seed 0 --threads 2"),
    ];

    public static ShippedClassifier For(string dataset)
    {
        var shipped = All.FirstOrDefault(c => c.Dataset == dataset)
            ?? throw new LsganException($"No feature classifier ships for '{dataset}' (only {string.Join(", ", All.Select(c => c.Dataset))}); train one with 'lsgan train-classifier' and pass it with --classifier.");
        if (shipped.Sha256.Length == 0)
            throw new LsganException($"The {dataset} feature classifier has not been trained yet; run: {shipped.Command}");
        return shipped;
    }
}
