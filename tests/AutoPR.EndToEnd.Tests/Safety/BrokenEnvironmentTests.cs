using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoPR.Deployment.Tests.Fixtures;
using AutoPR.EndToEnd.Tests.Stack;
using AutoPR.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Safety;

/// <summary>
/// A broken environment file (in a scratch copy of the build inputs, run with --root) is one line naming the file
/// and the JSON path, exit code 2, before anything runs. Its AWS endpoints point at a recording server on loopback,
/// so a call made despite the error would be seen there.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class BrokenEnvironmentTests(LocalStackFixture stack, ITestOutputHelper output)
{
    public static TheoryData<string, string, string> Breakages => new()
    {
        { "DeployEcs", "wrong-type", "$.desiredCount: \"two\" has the wrong type" },
        { "Rollback", "wrong-type", "$.desiredCount: \"two\" has the wrong type" },
        { "DeployEcs", "missing", "$: missing \"cluster\"" },
        { "DeployEcs", "not-loopback", "$.healthUrl: http://autopr.example.invalid/health is not a loopback address" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task A_broken_environment_file_is_one_line_naming_the_file_and_the_json_path_and_nothing_is_called(string target, string breakage, string expected)
    {
        using var recorder = new RecordingServer();
        using var copy = stack.CopyInputs("broken-environment");
        copy.EditEnvironment("local", json =>
        {
            foreach (var service in new[] { "ecs", "ecr", "cloudwatch" })
            {
                json["aws"]!["endpoints"]![service] = recorder.Url.ToString();
            }

            Break(json, breakage);
        });

        var run = await stack.RunAsync(output, target, "--environment", "local", "--root", copy.Root, "--skip", "DockerBuild");

        Assert.True(run.ExitCode == 2, run.ToString());
        var error = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        // The first target in the plan that needs the environment reports it (PushEcr before DeployEcs).
        Assert.Matches($@"^error: Target \w+: {Regex.Escape(copy.EnvironmentFile("local"))}: {Regex.Escape(expected)}", error);
        Assert.Contains("fix: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("── ", run.Output, StringComparison.Ordinal); // no target started
        Assert.Empty(recorder.Requests);
    }

    [Fact]
    public async Task A_reference_to_a_terraform_output_that_does_not_exist_is_exit_code_2_naming_it_and_nothing_is_called()
    {
        // A root applied by the real terraform with one output: the environment asks for two.
        var root = await TerraformStates.ApplyAsync("e2e-cluster-only", """{"cluster":{"sensitive":false,"value":"autopr-local"}}""");
        using var recorder = new RecordingServer();
        using var copy = stack.CopyInputs("missing-output");
        copy.EditEnvironment("local", json =>
        {
            foreach (var service in new[] { "ecs", "ecr", "cloudwatch", "ssm", "logs" })
            {
                json["aws"]!["endpoints"]![service] = recorder.Url.ToString();
            }

            json["terraform"] = new JsonObject { ["root"] = root };
            json["cluster"] = "${tf.cluster}";
            json["service"] = "${tf.service}";
        });

        var run = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--root", copy.Root, "--skip", "DockerBuild", "LocalUp");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"$.service: ${{tf.service}} names no output of `terraform output -json` in {root}; fix: use one of cluster, or add output \"service\"", run.ToString(), StringComparison.Ordinal);
        Assert.Empty(recorder.Requests);
    }

    private static void Break(JsonObject json, string breakage)
    {
        switch (breakage)
        {
            case "wrong-type":
                json["desiredCount"] = "two";
                break;
            case "missing":
                json.Remove("cluster");
                break;
            case "not-loopback":
                // A local environment may reach loopback only; .invalid never resolves, and the loader refuses it before any use.
                json["healthUrl"] = "http://autopr.example.invalid/health";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(breakage), breakage, "unknown breakage");
        }
    }
}
