using AutoPR.EndToEnd.Tests.Support;
using AutoPR.EndToEnd.Tests.Stack;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Safety;

/// <summary>The Logs target's bad input: one line each, a non-zero exit, nothing else done.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class LogsInputTests(LocalStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task A_since_that_cannot_be_read_is_exit_code_2_before_anything_is_called()
    {
        using var recorder = new RecordingServer();
        using var copy = stack.CopyInputs("logs-since");
        copy.EditEnvironment("local", json =>
        {
            foreach (var service in new[] { "ecs", "ecr", "cloudwatch", "ssm", "logs" })
            {
                json["aws"]!["endpoints"]![service] = recorder.Url.ToString();
            }
        });

        var run = await stack.RunAsync(output, "Logs", "--environment", "local", "--root", copy.Root, "--since", "yesterday");

        Assert.True(run.ExitCode == 2, run.ToString());
        var error = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--since takes a duration back from now (30s, 10m, 2h, 1d, 1h30m) or an ISO 8601 time", error, StringComparison.Ordinal);
        Assert.Empty(recorder.Requests);
    }

    [Fact]
    public async Task A_log_group_that_does_not_exist_is_one_line_naming_it_and_a_non_zero_exit()
    {
        var group = "/ecs/absent-" + Guid.NewGuid().ToString("N")[..8];
        using var copy = stack.CopyInputs("logs-group");
        copy.EditEnvironment("local", json => json["logGroup"] = group);

        var run = await stack.RunAsync(output, "Logs", "--environment", "local", "--root", copy.Root, "--since", "1m");

        Assert.True(run.ExitCode == 1, run.ToString());
        var failure = run.FailureOf("Logs");
        Assert.Contains($"the log group {group} does not exist in us-east-1", failure, StringComparison.Ordinal);
        Assert.Contains("fix: ", failure, StringComparison.Ordinal);
    }
}
