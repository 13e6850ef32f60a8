using AutoPR.EndToEnd.Tests.Support;

namespace AutoPR.EndToEnd.Tests.Stack;

/// <summary>What must hold after a failed release was rolled back: the service runs the baseline again, and answers.</summary>
internal static class ServiceAssertions
{
    public static async Task AssertBackOnAsync(this LocalStackFixture stack, ServiceStatus baseline, BuildRun run)
    {
        var service = await stack.ServiceAsync();
        Assert.True(service.TaskDefinition == baseline.TaskDefinition,
            $"the service runs {service.TaskDefinition}, not the baseline {baseline.TaskDefinition}\n{run}");
        Assert.Equal(service.DesiredCount, service.RunningTasks.Count);
        Assert.All(service.RunningTasks, task => Assert.Equal(baseline.TaskDefinition, task.TaskDefinition));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var health = await http.GetAsync(new Uri(stack.Listener, "/health"));
        Assert.True(health.IsSuccessStatusCode, $"{stack.Listener}health answered {(int)health.StatusCode} after the rollback");
    }

    /// <summary>The build's one failure line for a target ("Target NAME failed: ...").</summary>
    public static string FailureOf(this BuildRun run, string target)
    {
        var lines = run.Lines($"Target {target} failed: ");
        Assert.True(lines.Count > 0, $"no failure of {target} was reported\n{run}");
        return lines[0];
    }
}
