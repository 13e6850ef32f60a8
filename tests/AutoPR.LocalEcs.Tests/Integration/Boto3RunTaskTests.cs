using System.Text.Json.Nodes;
using AutoPR.LocalEcs.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>
/// LocalEcs RunTask and SSM driven by boto3 (Support/boto3_runtask.py): standalone tasks as real containers,
/// secrets from SecureString parameters, output read back through CloudWatch Logs.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class Boto3RunTaskTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Boto3_runs_standalone_tasks_with_secrets_from_SSM_and_reads_their_output_and_the_secret_never_reaches_LocalEcs_logs()
    {
        var logs = new CapturedLogs();
        await using var stack = await LocalEcsStack.StartAsync(logging: logs.Configure);
        var secret = "s3cret-" + Guid.NewGuid().ToString("N");

        var (exitCode, stdout, error) = await RunScriptAsync(stack, secret);

        Assert.True(exitCode == 0, $"boto3_runtask.py failed ({exitCode}): {error}\nLocalEcs said:\n{Tail(logs.Text)}");
        var seen = JsonNode.Parse(stdout.Trim().Split('\n')[^1])!;
        output.WriteLine(seen.ToJsonString());
        Assert.Equal("ok", seen["operations"]!.GetValue<string>());
        Assert.DoesNotContain(secret, logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stdout, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(stack.Options.StateDirectory, "logs")))
        {
            Assert.DoesNotContain(secret, await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }

        Assert.Contains("/autopr-it/missing", logs.Text, StringComparison.Ordinal);
        await AssertNoContainersLeftAsync(stack);
    }

    /// <summary>Stopped tasks' containers are removed (in the reconciler pass after the one that saw them stop).</summary>
    private static async Task AssertNoContainersLeftAsync(LocalEcsStack stack)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while ((await stack.ContainersAsync(all: true)).Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Empty(await stack.ContainersAsync(all: true));
    }

    private static Task<(int ExitCode, string Output, string Error)> RunScriptAsync(LocalEcsStack stack, string secret) =>
        Boto3Script.RunAsync("boto3_runtask.py", stack.Server.Endpoint.ToString().TrimEnd('/'), stack.Image, DockerPrerequisites.Registry, secret);

    private static string Tail(string text) => string.Join('\n', text.Split('\n').Where(l => !l.Contains(" Microsoft.", StringComparison.Ordinal)).TakeLast(40));
}
