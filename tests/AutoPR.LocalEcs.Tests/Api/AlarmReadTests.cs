using System.Net;
using System.Net.Http.Json;
using Amazon.Runtime;
using AutoPR.Deployment;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Endpoints;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Metrics;
using AutoPR.Deployment.Rollout;
using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.Tests.Support;

namespace AutoPR.LocalEcs.Tests.Api;

/// <summary>The deployment's alarm check (DescribeAlarms through the library) against LocalEcs under its throttling fault.</summary>
public sealed class AlarmReadTests : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "localecs-alarm-read-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    [Fact]
    public async Task Under_the_throttling_fault_the_alarm_check_backs_off_succeeds_and_expects_the_alarms_window()
    {
        await using var server = await LocalEcsServer.StartAsync(new LocalEcsOptions { Port = 0, StateDirectory = _stateDir, ListenerAddress = $"127.0.0.1:{FreePort.Next()}" });
        using var clients = AwsClients.Create(new AwsConnectionOptions
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("test", "test"),
            Endpoints = new AwsEndpointSettings { ConfiguredEndpoints = new Dictionary<string, Uri> { ["cloudwatch"] = server.Endpoint } },
        });
        var repository = EnvironmentLoader.Load(Path.Combine(Integration.RepositoryRoot.Path, "deploy", "environments"), "local");
        await clients.CloudWatch.PutMetricAlarmAsync(LocalAlarmRequest.For(repository.LocalAlarms[0] with { Name = "it-5xx", PeriodSeconds = 10, EvaluationPeriods = 3 }, targetGroup: null));
        using var admin = new HttpClient { BaseAddress = server.Endpoint };
        using var created = await admin.PostAsJsonAsync("/_localecs/faults/api", new { service = "monitoring", operation = "DescribeAlarms", throttleRate = 1.0, errorRate = 0.0, remainingCalls = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var retried = new List<string>();
        clients.Core.Retrying += (_, e) => retried.Add($"{e.Operation.Name} {e.ErrorCode}");
        var local = repository with { Deployment = repository.Deployment with { Alarms = new DeploymentAlarmSettings { AlarmNames = ["it-5xx"], Enable = true, Rollback = true } } };

        var bake = await DeploymentAlarmCheck.EnsureExistAsync(local, clients.CloudWatch, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(30), bake);
        Assert.Equal(["DescribeAlarms ThrottlingException", "DescribeAlarms ThrottlingException"], retried);
    }
}
