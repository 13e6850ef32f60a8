namespace AutoPR.Build.Tests.CommandLine;

/// <summary>A [Secret] value never reaches the output, whoever writes it.</summary>
[Collection(SampleBuildCollection.Name)]
public class SampleSecretTests(SampleBuildFixture sample)
{
    private const string Token = "tok-51d2e9aa7";

    [Fact]
    public async Task A_secret_from_the_command_line_is_masked_in_target_output()
    {
        var result = await sample.RunAsync("Pass", "--api-token", Token);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("token=***", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_from_the_environment_is_masked_in_target_output()
    {
        var result = await sample.RunAsync(["Pass"], new Dictionary<string, string?> { ["API_TOKEN"] = Token });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("token=***", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secrets_default_value_is_masked_in_target_output()
    {
        var result = await sample.RunAsync("Pass");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("token=***", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("built-in-default-token", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_does_not_show_a_secrets_default()
    {
        var result = await sample.RunAsync("--help");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^\s*--api-token <string>\s+API token\s+\(secret\)\s*$", result.Output);
        Assert.DoesNotContain("built-in-default-token", result.Output, StringComparison.Ordinal);
    }
}
