namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>A container's output as a CloudWatch Logs stream: read while it runs, across a LocalEcs restart, and after its container is gone.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class ContainerLogsTests
{
    private const string Group = "/ecs/autopr-ticker";

    [Fact]
    public async Task Output_is_readable_while_the_task_runs_is_followed_again_after_a_restart_without_duplicates_and_outlives_the_container()
    {
        await using var stack = await LocalEcsStack.StartAsync();
        await stack.Aws.EcsAsync("CreateCluster", $$"""{"clusterName": "{{LocalEcsStack.Cluster}}"}""");
        await stack.Aws.EcsAsync("RegisterTaskDefinition", """
            {"family": "ticker", "containerDefinitions": [{"name": "ticker", "image": "@IMAGE@", "entryPoint": ["/bin/sh", "-c"],
              "command": ["i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.2; done"], "stopTimeout": 2,
              "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/autopr-ticker", "awslogs-stream-prefix": "ecs", "awslogs-region": "us-east-1"}}}]}
            """.Replace("@IMAGE@", stack.Image, StringComparison.Ordinal));
        var run = await stack.Aws.EcsAsync("RunTask", $$"""{"cluster": "{{LocalEcsStack.Cluster}}", "taskDefinition": "ticker"}""");
        var taskArn = run["tasks"]![0]!["taskArn"]!.GetValue<string>();
        var stream = "ecs/ticker/" + taskArn.Split('/')[^1];

        await WaitForTicksAsync(stack, stream, 5);
        await stack.RestartAsync();
        var before = (await MessagesAsync(stack, stream)).Count;
        await WaitForTicksAsync(stack, stream, before + 5);

        await stack.Aws.EcsAsync("StopTask", $$"""{"cluster": "{{LocalEcsStack.Cluster}}", "task": "{{taskArn}}"}""");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while ((await stack.ContainersAsync(all: true)).Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Empty(await stack.ContainersAsync(all: true));
        var messages = await MessagesAsync(stack, stream);
        Assert.True(messages.Count >= before + 5, $"{messages.Count} events after the container was removed");
        Assert.Equal(messages.Count, messages.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(0, messages.Count).Select(i => $"tick-{i}"), messages);
    }

    private static async Task WaitForTicksAsync(LocalEcsStack stack, string stream, int count)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                if ((await MessagesAsync(stack, stream)).Count >= count)
                {
                    return;
                }
            }
            catch (InvalidOperationException error) when (error.Message.Contains("ResourceNotFoundException", StringComparison.Ordinal))
            {
                // The stream appears when the container starts.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{stream} did not reach {count} events.");
    }

    private static async Task<List<string>> MessagesAsync(LocalEcsStack stack, string stream)
    {
        var answer = await stack.Aws.CallLogsAsync("GetLogEvents", $$"""{"logGroupName": "{{Group}}", "logStreamName": "{{stream}}", "startFromHead": true}""");
        return [.. answer["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>())];
    }
}
