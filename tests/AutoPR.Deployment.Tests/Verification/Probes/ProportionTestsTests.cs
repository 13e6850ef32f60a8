using AutoPR.Deployment.Verification.Probes;

namespace AutoPR.Deployment.Tests.Verification.Probes;

public sealed class ProportionTestsTests
{
    [Fact]
    public void Fishers_exact_test_is_the_hypergeometric_upper_tail()
    {
        // 5 of 10 bad against 0 of 40: all five bad answers fall in the first group with probability C(10,5)/C(50,5).
        Assert.Equal(252.0 / 2_118_760.0, ProportionTests.WorseThan(5, 10, 0, 40), 12);
        Assert.Equal(1.0, ProportionTests.WorseThan(0, 10, 5, 40));
        Assert.True(ProportionTests.WorseThan(5, 10, 20, 40) > 0.5, "the same rate is not worse");
    }

    [Fact]
    public void The_binomial_test_is_the_upper_tail_at_the_allowed_rate()
    {
        // At least 2 of 10 at 1 %: 1 - 0.99^10 - 10 * 0.01 * 0.99^9.
        var expected = 1 - Math.Pow(0.99, 10) - (10 * 0.01 * Math.Pow(0.99, 9));
        Assert.Equal(expected, ProportionTests.AboveRate(2, 10, 0.01), 12);
        Assert.Equal(1.0, ProportionTests.AboveRate(0, 10, 0.05));
        Assert.Equal(0.0, ProportionTests.AboveRate(1, 10, 0));
    }

    [Fact]
    public void Counts_must_make_sense() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionTests.WorseThan(11, 10, 0, 10));
}
