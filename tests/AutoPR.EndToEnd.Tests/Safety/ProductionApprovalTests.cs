using AutoPR.EndToEnd.Tests.Stack;
using AutoPR.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Safety;

/// <summary>
/// Production requires approval: without --confirm, DeployEcs and Rollback are refused before anything runs.
/// Nothing here can leave the machine: dummy credentials, no instance metadata, and every AWS endpoint pointed at a
/// recording server on loopback, so even a broken approval check could only reach the recorder.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class ProductionApprovalTests(LocalStackFixture stack, ITestOutputHelper output)
{
    [Theory]
    // Image build and push are skipped too: with the check broken, nothing could push toward the production registry.
    [InlineData("DeployEcs", "--skip", "DockerBuild", "PushEcr", "LocalUp")]
    [InlineData("Rollback")]
    [InlineData("Rollback", "--to-revision", "1")]
    public async Task Production_without_confirm_is_refused_with_exit_code_2_before_anything_runs_and_nothing_is_called(string target, params string[] more)
    {
        using var recorder = new RecordingServer();
        using var home = new BuildInputsCopy("no-aws-config");
        var isolated = new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIAE2ETESTS00000000",
            ["AWS_SECRET_ACCESS_KEY"] = "e2e-dummy-secret-not-a-credential",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_ENDPOINT_URL"] = recorder.Url.ToString(),
            ["AWS_CONFIG_FILE"] = Path.Combine(home.Root, "aws-config-none"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home.Root, "aws-credentials-none"),
        };

        var run = await stack.RunAsync(output, isolated, [target, "--environment", "production", .. more]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error: Target {target}: the environment requires approval: pass --confirm", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("── ", run.Output, StringComparison.Ordinal); // no target started
        Assert.Empty(recorder.Requests);
    }
}
