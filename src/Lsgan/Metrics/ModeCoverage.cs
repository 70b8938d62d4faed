namespace Lsgan.Metrics;

/// <summary>
/// How well a set of generated samples covers K known modes, by the rules of the mode-collapse literature (Unrolled
/// GAN, VEEGAN, PacGAN): each sample is assigned to its nearest mode and is "high quality" when it lies close enough
/// to it (within 3σ for a Gaussian mixture); a mode is covered when at least <c>minimumPerMode</c> high-quality samples
/// fall on it; the KL divergence compares the histogram of all samples' nearest modes with the uniform one.
/// </summary>
public static class ModeCoverage
{
    /// <summary>
    /// The coverage of <paramref name="nearestMode"/> (each sample's mode, 0..K−1) where
    /// <paramref name="highQuality"/> marks the samples close enough to count.
    /// </summary>
    public static ModeCoverageResult Measure(IReadOnlyList<int> nearestMode, IReadOnlyList<bool> highQuality,
        int modeCount, int minimumPerMode)
    {
        if (nearestMode.Count == 0 || nearestMode.Count != highQuality.Count)
            throw new LsganException("Mode coverage needs one nearest mode and one quality flag per sample, and at least one sample.");
        if (modeCount < 1 || minimumPerMode < 1)
            throw new LsganException("Mode coverage needs at least one mode and a minimum of at least one sample per mode.");

        var all = new int[modeCount];
        var good = new int[modeCount];
        for (int i = 0; i < nearestMode.Count; i++)
        {
            int mode = nearestMode[i];
            if (mode < 0 || mode >= modeCount) throw new LsganException($"Mode {mode} is outside 0..{modeCount - 1}.");
            all[mode]++;
            if (highQuality[i]) good[mode]++;
        }

        // KL(p ‖ uniform) = Σ p_k log(p_k K), with 0 log 0 = 0: 0 for an even spread, log K for one mode.
        double n = nearestMode.Count, kl = 0;
        foreach (int count in all)
        {
            if (count > 0) kl += count / n * Math.Log(count / n * modeCount);
        }
        return new ModeCoverageResult(
            ModesCovered: good.Count(count => count >= minimumPerMode),
            ModeCount: modeCount,
            HighQualityFraction: good.Sum() / n,
            KlFromUniform: kl);
    }
}
