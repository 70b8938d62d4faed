using System.Diagnostics;
using System.Text.Json.Nodes;
using Lsgan.Experiments.Mixture;
using Lsgan.Losses;
using static TorchSharp.torch;

namespace Lsgan.Bench;

/// <summary>
/// Steps/s of <c>lsgan mixture</c>'s step (<see cref="MixtureTrainer.Step()"/>: fresh real points and z, both
/// updates, batch 512 on the ring of 8) beside the PyTorch peer's same step, blocks interleaved, and each
/// variant of the step timed against the default in alternating blocks: the same step under libtorch's autograd
/// instead of the hand-written pass (<see cref="Models.TanhMlpPass"/>), and the authors' simultaneous update.
/// </summary>
public static class MixtureBench
{
    public const int Batch = 512;

    public static MixtureConfig Config(bool simultaneous = false, bool autograd = false) =>
        new(MixtureLayout.Ring8, new LossConfig(), BatchSize: Batch, Simultaneous: simultaneous, Autograd: autograd);

    /// <summary>The comparison as a JSON row for results.json; progress on stderr.</summary>
    public static JsonObject Measure(PytorchPeer? peer, int warmup, int blocks, int stepsPerBlock)
    {
        using var ours = new MixtureTrainer(Config());
        using var autograd = new MixtureTrainer(Config(autograd: true));
        using var simultaneous = new MixtureTrainer(Config(simultaneous: true));
        Run(ours, warmup);
        Run(autograd, warmup);
        Run(simultaneous, warmup);
        var oursRates = new List<double>();
        var peerRates = new List<double>();
        var autogradRates = new List<double>();
        var simultaneousRates = new List<double>();
        for (int b = 0; b < blocks; b++)
        {
            if (peer is not null) peerRates.Add(peer.RunBlock("mixture", Batch, stepsPerBlock) / Batch);
            oursRates.Add(Run(ours, stepsPerBlock));
            autogradRates.Add(Run(autograd, stepsPerBlock));
            simultaneousRates.Add(Run(simultaneous, stepsPerBlock));
        }
        var mine = Stats.Of(oursRates);
        var theirs = peerRates.Count > 0 ? Stats.Of(peerRates) : null;
        var underAutograd = Stats.Of(autogradRates);
        var both = Stats.Of(simultaneousRates);
        var row = new JsonObject
        {
            ["case"] = "mixture step (ring of 8, batch 512, D then G)",
            ["ours_steps_s"] = Math.Round(mine.Median, 1), ["ours_steps_s_min"] = Math.Round(mine.Min, 1), ["ours_steps_s_max"] = Math.Round(mine.Max, 1),
            ["pytorch_steps_s"] = theirs is null ? null : Math.Round(theirs.Median, 1),
            ["pytorch_steps_s_min"] = theirs is null ? null : Math.Round(theirs.Min, 1),
            ["pytorch_steps_s_max"] = theirs is null ? null : Math.Round(theirs.Max, 1),
            ["ratio"] = theirs is null ? null : Math.Round(mine.Median / theirs.Median, 3),
            ["autograd_steps_s"] = Math.Round(underAutograd.Median, 1),
            ["hand_written_speedup"] = Math.Round(mine.Median / underAutograd.Median, 3),
            ["simultaneous_steps_s"] = Math.Round(both.Median, 1),
            ["simultaneous_speedup"] = Math.Round(both.Median / mine.Median, 3),
            // Each of our blocks against the peer block run just before it: how often the ratio holds, not only its median.
            ["ratio_blocks"] = theirs is null ? null
                : new JsonArray([.. oursRates.Zip(peerRates, (o, p) => (JsonNode)Math.Round(o / p, 3))]),
            ["steps_per_block"] = stepsPerBlock, ["blocks"] = blocks,
            ["threads"] = get_num_threads(),
            ["loadavg"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
        };
        Console.Error.WriteLine(row.ToJsonString());
        return row;
    }

    /// <summary>Runs <paramref name="steps"/> steps; returns their steps/s.</summary>
    private static double Run(MixtureTrainer trainer, int steps)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            trainer.Step();
        }
        return steps / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
