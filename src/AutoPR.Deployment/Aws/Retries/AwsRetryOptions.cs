using System.Globalization;

namespace AutoPR.Deployment.Aws.Retries;

/// <summary>
/// How calls are retried and timed out. Defaults follow the AWS SDKs' standard mode: 3 attempts, delay
/// random(0, min(20 s, 1 s x 2^retry)) ("full jitter").
/// </summary>
public sealed record AwsRetryOptions
{
    /// <summary>The options of the standard mode.</summary>
    public static readonly AwsRetryOptions Standard = new();

    /// <summary>The retry mode (AWS_RETRY_MODE).</summary>
    public AwsRetryMode Mode { get; init; } = AwsRetryMode.Standard;

    /// <summary>Total attempts including the first (AWS_MAX_ATTEMPTS); 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Base of the exponential backoff.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of a single backoff delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Timeout of one attempt (a hung connection is abandoned and retried).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of the whole call, all attempts and backoffs included.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Uniform random number in [0, 1) for the jitter; injectable so tests are deterministic.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    /// <summary>
    /// Reads AWS_RETRY_MODE (standard, adaptive, legacy) and AWS_MAX_ATTEMPTS (a positive integer); an invalid
    /// value is one clear error.
    /// </summary>
    public static AwsRetryOptions FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var modeText = getVariable("AWS_RETRY_MODE")?.Trim();
        var mode = modeText?.ToUpperInvariant() switch
        {
            null or "" or "STANDARD" => AwsRetryMode.Standard,
            "ADAPTIVE" => AwsRetryMode.Adaptive,
            "LEGACY" => AwsRetryMode.Legacy,
            _ => throw new AwsConfigurationException($"AWS_RETRY_MODE='{modeText}' is not a retry mode: use standard, adaptive or legacy."),
        };

        var attempts = mode == AwsRetryMode.Legacy ? 5 : 3;
        var attemptsText = getVariable("AWS_MAX_ATTEMPTS")?.Trim();
        if (!string.IsNullOrEmpty(attemptsText))
        {
            if (!int.TryParse(attemptsText, NumberStyles.None, CultureInfo.InvariantCulture, out attempts) || attempts < 1)
            {
                throw new AwsConfigurationException($"AWS_MAX_ATTEMPTS='{attemptsText}' is not a positive integer: use 1 (no retries) or more, for example 3.");
            }
        }

        return new AwsRetryOptions { Mode = mode, MaxAttempts = attempts };
    }

    /// <summary>The full-jitter delay before retry number <paramref name="retry"/> (0 = the first retry).</summary>
    public TimeSpan BackoffDelay(int retry)
    {
        var exponent = Math.Min(retry, 30);
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(Random() * ceiling);
    }
}
