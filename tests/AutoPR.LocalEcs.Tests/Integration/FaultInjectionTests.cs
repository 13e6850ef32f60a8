using System.Globalization;
using System.Net.Http.Json;
using AutoPR.LocalEcs.Metrics;
using AutoPR.LocalEcs.Tests.Support;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>The fault endpoints: 5xx and latency from the next tasks (seen through the listener and CloudWatch), API throttling.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Tasks_started_after_an_error_rate_and_latency_fault_answer_5xx_slowly_and_the_ALB_metrics_show_it()
    {
        await using var stack = await LocalEcsStack.StartAsync(MetricsMode.Immediate); // reads the metrics of requests it just sent
        var v1 = await stack.RegisterAsync("1.0.0");
        await stack.CreateServiceAsync(v1, desired: 1);
        await stack.WaitForServiceDeploymentAsync();
        var started = DateTimeOffset.UtcNow.AddMinutes(-1);
        using var admin = new HttpClient { BaseAddress = stack.Server.Endpoint };
        var response = await admin.PostAsJsonAsync("/_localecs/faults/tasks", new { cluster = LocalEcsStack.Cluster, service = LocalEcsStack.Service, errorRate = 1.0, latencyMs = 200 });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);

        await stack.Aws.EcsAsync("UpdateService", $$"""{"cluster": "{{LocalEcsStack.Cluster}}", "service": "{{LocalEcsStack.Service}}", "forceNewDeployment": true}""");
        Assert.Equal("SUCCESSFUL", (await stack.WaitForServiceDeploymentAsync())["status"]!.GetValue<string>());
        using var http = new HttpClient();
        var statuses = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            using var answer = await http.GetAsync(stack.Listener);
            statuses.Add((int)answer.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(500, s));
        var end = DateTimeOffset.UtcNow.AddMinutes(1);
        var metrics = await stack.Aws.CloudWatchAsync("GetMetricData", $$$"""
            {"StartTime": {{{started.ToUnixTimeSeconds()}}}, "EndTime": {{{end.ToUnixTimeSeconds()}}}, "ScanBy": "TimestampAscending",
             "MetricDataQueries": [
               {"Id": "requests", "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "RequestCount", "Dimensions": [{"Name": "TargetGroup", "Value": "targetgroup/autopr/0123456789abcdef"}]}, "Period": 600, "Stat": "Sum"}},
               {"Id": "errors", "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "HTTPCode_Target_5XX_Count", "Dimensions": [{"Name": "TargetGroup", "Value": "targetgroup/autopr/0123456789abcdef"}]}, "Period": 600, "Stat": "Sum"}},
               {"Id": "p99", "MetricStat": {"Metric": {"Namespace": "AWS/ApplicationELB", "MetricName": "TargetResponseTime", "Dimensions": [{"Name": "TargetGroup", "Value": "targetgroup/autopr/0123456789abcdef"}]}, "Period": 600, "Stat": "p99"}}]}
            """);
        var results = metrics["MetricDataResults"]!.AsArray().ToDictionary(r => r!["Id"]!.GetValue<string>(), r => r!["Values"]!.AsArray().Sum(v => v!.GetValue<double>()));
        Assert.Equal(10, results["requests"]);
        Assert.Equal(10, results["errors"]);
        Assert.True(results["p99"] >= 0.2, $"p99 {results["p99"].ToString(CultureInfo.InvariantCulture)} s is below the injected 200 ms");
    }

    [Fact]
    public async Task Tasks_started_after_an_unhealthy_fault_fail_their_health_checks_and_the_circuit_breaker_rolls_back()
    {
        await using var stack = await LocalEcsStack.StartAsync();
        var v1 = await stack.RegisterAsync("1.0.0");
        await stack.CreateServiceAsync(v1, desired: 1, graceSeconds: 20);
        await stack.WaitForServiceDeploymentAsync();
        using var admin = new HttpClient { BaseAddress = stack.Server.Endpoint };
        (await admin.PostAsJsonAsync("/_localecs/faults/tasks", new { cluster = LocalEcsStack.Cluster, service = LocalEcsStack.Service, unhealthy = true, remainingTasks = 5 })).EnsureSuccessStatusCode();

        await using var load = LoadGenerator.Start(stack.Listener);
        await stack.Aws.EcsAsync("UpdateService", $$"""{"cluster": "{{LocalEcsStack.Cluster}}", "service": "{{LocalEcsStack.Service}}", "forceNewDeployment": true}""");
        var deployment = await stack.WaitForServiceDeploymentAsync();
        await load.StopAsync();

        Assert.Equal("ROLLBACK_SUCCESSFUL", deployment["status"]!.GetValue<string>());
        Assert.Empty(load.Failures);
        var stopped = await stack.Aws.EcsAsync("ListTasks", $$"""{"cluster": "{{LocalEcsStack.Cluster}}", "desiredStatus": "STOPPED"}""");
        var reasons = (await stack.Aws.EcsAsync("DescribeTasks", $$"""{"cluster": "{{LocalEcsStack.Cluster}}", "tasks": {{stopped["taskArns"]!.ToJsonString()}}}"""))["tasks"]!
            .AsArray().Select(t => t!["stoppedReason"]!.GetValue<string>()).ToList();
        Assert.True(deployment["deploymentCircuitBreaker"]!["failureCount"]!.GetValue<int>() >= 3);
        Assert.True(reasons.Count(r => r == "Task failed container health checks" || r.StartsWith("Task failed ELB health checks in (target-group ", StringComparison.Ordinal)) >= 2, string.Join(" | ", reasons));
        var events = (await stack.DescribeServiceAsync())["events"]!.AsArray().Select(e => e!["message"]!.GetValue<string>()).ToList();
        Assert.Contains(events, e => e.EndsWith("failed container health checks.", StringComparison.Ordinal) || e.Contains("is unhealthy in (target-group", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_API_throttling_fault_answers_ThrottlingException_for_the_chosen_calls_then_stops()
    {
        await using var stack = await LocalEcsStack.StartAsync();
        using var admin = new HttpClient { BaseAddress = stack.Server.Endpoint };
        var response = await admin.PostAsJsonAsync("/_localecs/faults/api", new { service = "ecs", operation = "ListClusters", throttleRate = 1.0, errorRate = 0.0, remainingCalls = 2 });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);

        var first = await stack.Aws.SendRawAsync("AmazonEC2ContainerServiceV20141113.ListClusters", "{}");
        var second = await stack.Aws.SendRawAsync("AmazonEC2ContainerServiceV20141113.ListClusters", "{}");
        var other = await stack.Aws.SendRawAsync("AmazonEC2ContainerServiceV20141113.ListServices", """{"cluster": "missing"}""");
        var third = await stack.Aws.SendRawAsync("AmazonEC2ContainerServiceV20141113.ListClusters", "{}");

        Assert.Equal((400, "ThrottlingException"), (first.Status, first.Body["__type"]!.GetValue<string>()));
        Assert.Equal("ThrottlingException", second.Response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("ClusterNotFoundException", other.Body["__type"]!.GetValue<string>());
        Assert.Equal(200, third.Status);
    }
}
