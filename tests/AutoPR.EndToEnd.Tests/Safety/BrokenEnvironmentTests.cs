using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
