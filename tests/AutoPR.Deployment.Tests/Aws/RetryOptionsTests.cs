using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Retries;

namespace AutoPR.Deployment.Tests.Aws;

public sealed class RetryOptionsTests
{
    [Theory]
    [InlineData(null, null, AwsRetryMode.Standard, 3)]
    [InlineData("standard", null, AwsRetryMode.Standard, 3)]
    [InlineData("adaptive", null, AwsRetryMode.Adaptive, 3)]
    [InlineData("legacy", null, AwsRetryMode.Legacy, 5)]
    [InlineData("LEGACY", "2", AwsRetryMode.Legacy, 2)]
    [InlineData(null, "7", AwsRetryMode.Standard, 7)]
    public void Environment_variables_choose_mode_and_attempts(string? mode, string? attempts, AwsRetryMode expectedMode, int expectedAttempts)
    {
        var options = AwsRetryOptions.FromEnvironment(name => name switch
        {
            "AWS_RETRY_MODE" => mode,
            "AWS_MAX_ATTEMPTS" => attempts,
            _ => null,
        });

        Assert.Equal(expectedMode, options.Mode);
        Assert.Equal(expectedAttempts, options.MaxAttempts);
    }

    [Theory]
    [InlineData("AWS_RETRY_MODE", "aggressive", "AWS_RETRY_MODE='aggressive' is not a retry mode: use standard, adaptive or legacy.")]
    [InlineData("AWS_MAX_ATTEMPTS", "0", "AWS_MAX_ATTEMPTS='0' is not a positive integer: use 1 (no retries) or more, for example 3.")]
    [InlineData("AWS_MAX_ATTEMPTS", "three", "AWS_MAX_ATTEMPTS='three' is not a positive integer: use 1 (no retries) or more, for example 3.")]
    public void Invalid_values_are_one_clear_line(string name, string value, string message)
    {
        var error = Assert.Throws<AwsConfigurationException>(() => AwsRetryOptions.FromEnvironment(n => n == name ? value : null));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Backoff_is_capped_exponential_with_full_jitter()
    {
        var options = AwsRetryOptions.Standard with { Random = () => 1.0 };
        Assert.Equal(TimeSpan.FromSeconds(1), options.BackoffDelay(0));
        Assert.Equal(TimeSpan.FromSeconds(8), options.BackoffDelay(3));
        Assert.Equal(TimeSpan.FromSeconds(20), options.BackoffDelay(10));
        Assert.Equal(TimeSpan.Zero, (options with { Random = () => 0.0 }).BackoffDelay(5));
    }
}
