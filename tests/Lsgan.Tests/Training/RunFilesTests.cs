using System.Text.Json.Nodes;
using Lsgan.Models;
using Lsgan.Training;

namespace Lsgan.Tests.Training;

/// <summary>config.json holds the experiment only; runtime.json how it was computed; older files still load.</summary>
public class RunFilesTests
{
    // A fixed count that runtime.json must record (tests set no other count, so it stays while the test runs).
    public RunFilesTests() => TorchSharp.torch.set_num_threads(1);

    private static TrainConfig Tiny => new()
    {
        Dataset = "synthetic", Model = new ModelConfig("mlp", LatentDim: 8), BatchSize = 16, Epochs = 2, MaxSteps = 1,
    };

    [Fact]
    public void Given_a_new_run_when_trained_then_config_json_has_no_speed_switches_and_runtime_json_records_them()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(32);
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, Tiny);
        var runtime = new RuntimeOptions { Step = new StepOptions(FusedAdam: false) };

        new TrainingSession(Tiny, run) { Runtime = runtime }.Run(images);

        var config = JsonNode.Parse(File.ReadAllText(run.ConfigFile))!.AsObject();
        var saved = JsonNode.Parse(File.ReadAllText(Path.Combine(run.LatestCheckpoint, "state.json")))!["config"]!.AsObject();
        foreach (var json in new[] { config, saved })
        {
            Assert.False(json.ContainsKey("step") || json.ContainsKey("threads") || json.ContainsKey("device"), json.ToJsonString());
        }
        Assert.Equal(new RuntimeRecord("cpu", 1, runtime.Step), run.ReadRuntime());
    }

    [Fact]
    public void Given_config_and_checkpoint_files_that_still_hold_step_threads_and_device_when_loaded_and_resumed_then_those_keys_are_ignored()
    {
        using var dir = new TempDirectory();
        using var images = SyntheticImages.Squares(32);
        using var run = RunDirectory.CreateNew(dir.Combine("run"), dir.Path, Tiny);
        new TrainingSession(Tiny, run).Run(images);
        // As runs before the runtime options left the config wrote them.
        string state = Path.Combine(run.LatestCheckpoint, "state.json");
        var manifest = JsonNode.Parse(File.ReadAllText(state))!.AsObject();
        foreach (var config in new[] { manifest["config"]!.AsObject(), JsonNode.Parse(File.ReadAllText(run.ConfigFile))!.AsObject() })
        {
            config["threads"] = 2;
            config["device"] = "cpu";
            config["step"] = new JsonObject { ["joint_discriminator_pass"] = true, ["fused_adam"] = false };
        }
        File.WriteAllText(state, manifest.ToJsonString());
        File.WriteAllText(run.ConfigFile, manifest["config"]!.ToJsonString());

        Assert.Equal(Tiny, Checkpoint.ReadManifest(run.LatestCheckpoint).Config);
        Assert.Equal(Tiny, run.ReadConfig());
        using (var generator = TrainedGenerator.Load(run.Path)) Assert.Equal(Tiny, generator.Config);
        var outcome = new TrainingSession(Tiny with { MaxSteps = 2 }, RunDirectory.Open(run.Path)).Run(images, run.LatestCheckpoint);

        Assert.Equal(TrainingOutcome.StepLimit, outcome);
        Assert.Equal(2, Checkpoint.ReadManifest(run.LatestCheckpoint).State.Step);
    }
}
