using Lsgan.Models;
using static TorchSharp.torch;

namespace Lsgan.Tests.Models;

public sealed class TanhMlpTests
{
    [Fact]
    public void Given_a_seed_when_built_then_every_weight_is_orthogonal_times_the_gain_and_the_same_seed_gives_the_same_weights()
    {
        using var first = new TanhMlp(256, 128, 2, new Generator(7));
        using var again = new TanhMlp(256, 128, 2, new Generator(7));

        foreach (var ((name, w), (_, w2)) in first.named_parameters().Zip(again.named_parameters()))
        {
            Assert.True(w.eq(w2).all().item<bool>(), name);
            if (!name.EndsWith("weight", StringComparison.Ordinal))
            {
                Assert.Equal(0, w.abs().max().item<float>());
                continue;
            }
            // The smaller side is orthonormal: W Wᵀ = 1.4² I for a wide matrix, Wᵀ W = 1.4² I for a tall one.
            var gram = w.shape[0] <= w.shape[1] ? w.matmul(w.t()) : w.t().matmul(w);
            var expected = eye(gram.shape[0]) * (1.4 * 1.4);
            Assert.True((gram - expected).abs().max().item<float>() < 1e-4, name);
        }
    }
}
