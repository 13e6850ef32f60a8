using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoPR.EndToEnd.Tests.Stack;
using AutoPR.EndToEnd.Tests.Support;
using AutoPR.Images.Push;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Deployments;

/// <summary>The main job, ./build.sh DeployEcs --environment local, and running it again.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class HappyPathTests(LocalStackFixture stack, ITestOutputHelper output)
{
    [Fact]
    public async Task DeployEcs_rolls_out_a_new_revision_verifies_it_and_the_listener_answers_with_the_built_revision()
    {
        await stack.EnsureBaselineAsync(output);
        try
        {
            // A variable unique to this run makes the release a new revision whatever ran before.
            var run = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", "5s",
                "--container-env", $"AUTOPR_E2E_RUN={Guid.NewGuid():N}");

            Assert.True(run.ExitCode == 0, run.ToString());
            var registered = Regex.Match(run.Output, @"registered task definition autopr-local:(\d+)");
            Assert.True(registered.Success, "no new revision was registered\n" + run);
            var revision = registered.Groups[1].Value;
            Assert.Contains($"updated service autopr to autopr-local:{revision}", run.Output, StringComparison.Ordinal);
            Assert.Contains("rollout succeeded", run.Output, StringComparison.Ordinal);
            Assert.Contains($"Verification of local (autopr-local:{revision}, revision {stack.ExpectedRevision}): PASSED", run.Output, StringComparison.Ordinal);
            foreach (var check in new[] { "rollout", "health", "version", "probes" })
            {
                Assert.Matches($@"PASS\s+{check}\s", run.Output);
            }

            // Users' metrics (CloudWatch) are AWS-like: judged once a whole minute of them is published, else skipped, saying why.
            Assert.Matches(@"(PASS\s+error-rate\s|SKIP\s+error-rate\s.*no whole minute of users' traffic published)", run.Output);

            Assert.Contains($"AutoPR answers at {stack.Listener}", run.Output, StringComparison.Ordinal);

            var service = await stack.ServiceAsync();
            Assert.Equal(int.Parse(revision, System.Globalization.CultureInfo.InvariantCulture), service.Revision);
            Assert.Equal(service.DesiredCount, service.RunningTasks.Count);
            Assert.All(service.RunningTasks, task => Assert.Equal(service.TaskDefinition, task.TaskDefinition));

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var version = await http.GetFromJsonAsync<JsonObject>(new Uri(stack.Listener, "/version"));
            var pushed = await ImagePushRecord.ReadAsync(Path.Combine(stack.Root, "artifacts", "docker", "push-local.json"));
            Assert.Equal(stack.ExpectedRevision, version!["revision"]!.GetValue<string>());
            Assert.Equal(pushed.Image.Tag, version["imageTag"]!.GetValue<string>());
            Assert.Equal("local", version["environment"]!.GetValue<string>());

            var history = await stack.RunAsync(output, "History", "--environment", "local");
            Assert.True(history.ExitCode == 0, history.ToString());
            Assert.Matches($@"Deploy\s+Verified\s+{revision}\s+sha256:[0-9a-f]+\s+{stack.ExpectedRevision[..7]}", history.Output);
        }
        finally
        {
            await stack.RestoreBaselineAsync(output);
        }
    }

    [Fact]
    public async Task Deploying_what_already_runs_registers_nothing_changes_nothing_and_makes_a_handful_of_api_calls()
    {
        var before = await stack.EnsureBaselineAsync(output);

        var run = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", "2s", "--verbosity", "verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"local: no changes, autopr-local:{before.Revision} already runs", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("registered task definition", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("updated service", run.Output, StringComparison.Ordinal);

        // The library logs each AWS call at Debug (--verbosity verbose): "ecs:DescribeServices attempt 1: HTTP 200 ...".
        var deployCalls = ApiCalls(TargetSection(run.Output, "DeployEcs"));
        Assert.InRange(deployCalls.Count, 1, 5);
        Assert.DoesNotContain(deployCalls, call => Regex.IsMatch(call, "Register|Update|Create|Delete|Stop|Tag"));

        var after = await stack.ServiceAsync();
        Assert.Equal(before.TaskDefinition, after.TaskDefinition);
        Assert.Equal(before.Deployments.Select(d => d.Id), after.Deployments.Select(d => d.Id));
        Assert.Equal(before.RunningTasks.Select(t => t.Id).Order(), after.RunningTasks.Select(t => t.Id).Order());
    }

    /// <summary>The lines between a target's "── NAME ──" header and the next header.</summary>
    private static string TargetSection(string output, string target)
    {
        var lines = output.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith($"── {target} ", StringComparison.Ordinal));
        Assert.True(start >= 0, $"no {target} section in the output");
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("── ", StringComparison.Ordinal));
        return string.Join('\n', lines[(start + 1)..(end < 0 ? lines.Length : end)]);
    }

    private static List<string> ApiCalls(string section) =>
        [.. Regex.Matches(section, @"DBG (?:ecs|ecr|cloudwatch):(\w+) attempt \d+: HTTP").Select(m => m.Groups[1].Value)];
}
