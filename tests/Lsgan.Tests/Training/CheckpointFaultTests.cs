using System.Text.Json.Nodes;
using Lsgan.Training;
using static TorchSharp.torch;

namespace Lsgan.Tests.Training;

/// <summary>Damaged or edited checkpoints: refused with one sentence naming the file, before anything is rewritten.</summary>
public sealed class CheckpointFaultTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly string run;

    public CheckpointFaultTests()
    {
        set_num_threads(1);
        run = RunFaults.Train(dir.Combine("run"));
    }

    public void Dispose() => dir.Dispose();

    private string Latest(string file) => Path.Combine(run, "checkpoints", "latest", file);

    private void EditState(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(Latest("state.json")))!.AsObject();
        edit(json);
        File.WriteAllText(Latest("state.json"), json.ToJsonString());
    }

    private LsganException AssertResumeRefusedAndRunIntact()
    {
        var before = RunFaults.Snapshot(run);
        var error = Assert.Throws<LsganException>(() => RunFaults.Resume(run));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(before, RunFaults.Snapshot(run));
        return error;
    }

    public static TheoryData<string, string, string> StateEdits => new()
    {
        { "noise_state", "\"AAAA\"", "state.noise_state" },
        { "noise_state", "null", "state.noise_state" },
        { "noise_state", "\"\"", "state.noise_state" },
        { "step", "-1", "state.step" },
        { "epoch", "-3", "state.step, epoch" },
        { "step_in_epoch", "-1", "step_in_epoch" },
        { "elapsed_seconds", "-5", "elapsed_seconds" },
        { "best_fid", "-12345", "state.best_fid" },
        { "epoch", "99", "past the config" },
    };

    [Theory]
    [MemberData(nameof(StateEdits))]
    public void Given_an_edited_state_field_when_resumed_then_it_is_refused_naming_state_json_and_nothing_changes(string field, string value, string expected)
    {
        EditState(json => json["state"]![field] = JsonNode.Parse(value));

        var error = AssertResumeRefusedAndRunIntact();

        Assert.Contains("state.json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("generator.bin")]
    [InlineData("discriminator.bin")]
    [InlineData("generator_optimizer.bin")]
    [InlineData("discriminator_optimizer.bin")]
    public void Given_one_flipped_bit_in_a_checkpoint_file_when_resumed_then_that_file_is_named_as_damaged(string file)
    {
        var bytes = File.ReadAllBytes(Latest(file));
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(Latest(file), bytes);

        var error = AssertResumeRefusedAndRunIntact();

        Assert.Equal($"{Latest(file)} is damaged: its SHA-256 is not the one recorded in state.json when it was saved.", error.Message);
    }

    [Fact]
    public void Given_a_flipped_bit_in_generator_bin_when_sampling_then_it_is_an_error_never_different_images()
    {
        var bytes = File.ReadAllBytes(Latest("generator.bin"));
        bytes[^3] ^= 0x01;
        File.WriteAllBytes(Latest("generator.bin"), bytes);

        var error = Assert.Throws<LsganException>(() => TrainedGenerator.Load(run));

        Assert.Contains("generator.bin is damaged", error.Message);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("deleted")]
    [InlineData("emptied")]
    public void Given_a_truncated_or_missing_weights_file_when_resumed_then_it_is_refused(string how)
    {
        string file = Latest("discriminator.bin");
        if (how == "deleted") File.Delete(file);
        else File.WriteAllBytes(file, how == "emptied" ? [] : File.ReadAllBytes(file)[..100]);

        var error = AssertResumeRefusedAndRunIntact();

        Assert.Contains("discriminator.bin", error.Message);
    }

    [Theory]
    [InlineData("{\"format\": 1, \"config\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"format\": 7, \"config\": {}, \"state\": {}}")]
    [InlineData("[]")]
    public void Given_an_unreadable_state_json_when_resumed_then_it_is_refused_naming_the_checkpoint(string text)
    {
        File.WriteAllText(Latest("state.json"), text);

        var error = AssertResumeRefusedAndRunIntact();

        Assert.Contains(Path.Combine(run, "checkpoints", "latest"), error.Message);
    }

    [Fact]
    public void Given_a_checksum_edited_in_state_json_when_resumed_then_the_file_it_names_is_refused()
    {
        EditState(json => json["sha256"]!["generator.bin"] = new string('0', 64));

        var error = AssertResumeRefusedAndRunIntact();

        Assert.Contains("generator.bin is damaged", error.Message);
    }

    [Fact]
    public void Given_a_checkpoint_from_before_checksums_when_resumed_then_it_loads_and_trains_on()
    {
        EditState(json => json.Remove("sha256"));

        Assert.Equal(TrainingOutcome.Completed, RunFaults.Resume(run));

        Assert.Equal(2, Checkpoint.Verify(Checkpoint.Resolve(run)).State.Epoch);
    }

    [Fact]
    public void Given_a_run_at_its_step_limit_when_resumed_with_that_limit_then_it_trains_none_and_says_so()
    {
        var error = AssertResumeRefusedAndRunIntactWith(RunFaults.Config with { Epochs = 2, MaxSteps = 2 });

        Assert.Contains("already at step 2; give --max-steps above 2", error.Message);
    }

    [Fact]
    public void Given_a_run_resumed_on_other_images_then_it_is_refused_as_not_the_same_data()
    {
        var before = RunFaults.Snapshot(run);
        using var other = SyntheticImages.Squares(32, seed: 9);
        using var open = RunDirectory.Open(run);

        var error = Assert.Throws<LsganException>(() =>
            new TrainingSession(RunFaults.Config with { Epochs = 2 }, open).Run(other, Checkpoint.Resolve(run)));

        Assert.Contains("are not those", error.Message);
        Assert.Equal(before, RunFaults.Snapshot(run));
    }

    private LsganException AssertResumeRefusedAndRunIntactWith(TrainConfig config)
    {
        var before = RunFaults.Snapshot(run);
        var error = Assert.Throws<LsganException>(() => RunFaults.Resume(run, config));
        Assert.Equal(before, RunFaults.Snapshot(run));
        return error;
    }
}
