using Lsgan.Losses;

namespace Lsgan.Tests.Losses;

public class LossFamiliesTests
{
    [Fact]
    public void Given_each_registered_loss_when_created_from_its_config_then_it_is_that_loss()
    {
        Assert.Equal("ls(-1,1,0)", new LossConfig("ls", -1, 1, 0).Create().Describe());
        Assert.IsType<SigmoidCrossEntropyLoss>(new LossConfig("bce").Create());
    }

    [Fact]
    public void Given_an_unknown_loss_when_validated_or_created_then_it_is_an_error_and_never_a_default()
    {
        var config = new LossConfig("hinge");

        Assert.Equal(["unknown loss 'hinge' (expected one of: ls, bce)"], config.Validate());
        Assert.Contains("Unknown loss 'hinge'", Assert.Throws<LsganException>(config.Create).Message);
    }

    [Fact]
    public void Given_least_squares_labels_a_equal_to_b_when_validated_then_the_problem_is_named_but_bce_ignores_the_labels()
    {
        Assert.Contains("a and b must differ", Assert.Single(new LossConfig("ls", 1, 1, 1).Validate()));
        Assert.Empty(new LossConfig("bce", 1, 1, 1).Validate());
    }
}
