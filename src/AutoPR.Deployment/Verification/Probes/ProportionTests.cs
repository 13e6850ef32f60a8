using MathNet.Numerics.Distributions;

namespace AutoPR.Deployment.Verification.Probes;

/// <summary>
/// The two one-sided tests the judge uses on counts of bad answers (errors, or answers slower than the p99 limit).
/// Both are exact, so they stay sound on the small samples a judgement within seconds has.
/// </summary>
public static class ProportionTests
{
    /// <summary>
    /// Fisher's exact test, one-sided: the probability of seeing at least <paramref name="badA"/> bad answers in A if A
    /// and B had the same rate (the hypergeometric upper tail). Small means A is worse than B.
    /// </summary>
    public static double WorseThan(int badA, int totalA, int badB, int totalB)
    {
        ValidateCounts(badA, totalA);
        ValidateCounts(badB, totalB);
        if (badA == 0)
        {
            return 1;
        }

        var hypergeometric = new Hypergeometric(totalA + totalB, badA + badB, totalA);
        return 1 - hypergeometric.CumulativeDistribution(badA - 1);
    }

    /// <summary>
    /// The exact binomial test, one-sided: the probability of at least <paramref name="bad"/> bad answers in
    /// <paramref name="total"/> if the true rate were <paramref name="allowedRate"/>. Small means the rate is above it.
    /// </summary>
    public static double AboveRate(int bad, int total, double allowedRate)
    {
        ValidateCounts(bad, total);
        ArgumentOutOfRangeException.ThrowIfLessThan(allowedRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(allowedRate, 1);
        if (bad == 0)
        {
            return 1;
        }

        return allowedRate <= 0 ? 0 : 1 - Binomial.CDF(allowedRate, total, bad - 1);
    }

    private static void ValidateCounts(int bad, int total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bad);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, bad);
    }
}
