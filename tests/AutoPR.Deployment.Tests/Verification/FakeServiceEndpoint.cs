using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Tests.Rollout.Fakes;

namespace AutoPR.Deployment.Tests.Verification;

/// <summary>The deployed service as the verifier sees it through the load balancer: /health, /version and / in process.</summary>
public sealed class FakeServiceEndpoint : HttpMessageHandler
{
    private int _health;
    private int _version;
    private int _work;
    private int _calls;

    /// <summary>The status /health answers, by call number (0-based).</summary>
    public Func<int, HttpStatusCode> Health { get; set; } = _ => HttpStatusCode.OK;

    /// <summary>Who answers request N (0-based, all routes): the task definition its X-AutoPR-Revision names, and the status / answers.</summary>
    public Func<int, (string TaskDefinition, HttpStatusCode WorkStatus)> Answerer { get; set; } = _ => ("autopr-production:1", HttpStatusCode.OK);

    /// <summary>The revision /version reports.</summary>
    public string Revision { get; set; } = DeploymentTestBed.GitSha;

    public int HealthCalls => Volatile.Read(ref _health);

    public int VersionCalls => Volatile.Read(ref _version);

    public int WorkCalls => Volatile.Read(ref _work);

    public List<Uri> Hosts { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Hosts)
        {
            Hosts.Add(new Uri(request.RequestUri!.GetLeftPart(UriPartial.Authority)));
        }

        var (taskDefinition, workStatus) = Answerer(Interlocked.Increment(ref _calls) - 1);
        var response = request.RequestUri!.AbsolutePath switch
        {
            "/health" => HealthResponse(Interlocked.Increment(ref _health) - 1),
            "/version" => VersionResponse(),
            _ => Work(workStatus),
        };
        response.Headers.Add("X-AutoPR-Revision", $"task-definition={taskDefinition}; git={Revision}");
        return Task.FromResult(response);
    }

    private HttpResponseMessage HealthResponse(int call)
    {
        var status = Health(call);
        return Json(status, new JsonObject { ["status"] = status == HttpStatusCode.OK ? "healthy" : "unhealthy" });
    }

    private HttpResponseMessage VersionResponse()
    {
        Interlocked.Increment(ref _version);
        return Json(HttpStatusCode.OK, new JsonObject
        {
            ["service"] = "autopr",
            ["version"] = "1.2.3",
            ["revision"] = Revision,
            ["imageTag"] = "main",
            ["environment"] = "production",
        });
    }

    private HttpResponseMessage Work(HttpStatusCode status)
    {
        Interlocked.Increment(ref _work);
        return Json(status, new JsonObject { ["ok"] = status == HttpStatusCode.OK });
    }

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}

/// <summary>Load-balancer metrics the fake CloudWatch answers: totals since a start, as functions of the fake clock.</summary>
public sealed class FakeLoadBalancerMetrics(TimeProvider time)
{
    private readonly DateTimeOffset _start = time.GetUtcNow();

    /// <summary>(requests, 5xx, p99 seconds) given the seconds since the fake was made.</summary>
    public Func<double, (double Requests, double Errors, double? P99Seconds)> Curve { get; set; } = seconds => (seconds * 10, 0, 0.05);

    /// <summary>5xx the load balancer answers itself (no healthy target), given the seconds since the fake was made.</summary>
    public Func<double, double> LoadBalancerErrors { get; set; } = _ => 0;

    public List<JsonObject> Requests { get; } = [];

    public JsonObject Answer(JsonObject request)
    {
        Requests.Add(request);
        var seconds = (time.GetUtcNow() - _start).TotalSeconds;
        var (requests, errors, p99) = Curve(seconds);
        var results = new JsonArray();
        foreach (var query in request["MetricDataQueries"]!.AsArray())
        {
            var id = query!["Id"]!.GetValue<string>();
            double? value = id.StartsWith("requests", StringComparison.Ordinal) ? requests
                : id.StartsWith("targeterrors", StringComparison.Ordinal) ? errors
                : id.StartsWith("elberrors", StringComparison.Ordinal) ? LoadBalancerErrors(seconds)
                : p99;
            // Only the first target group carries traffic (blue/green: production traffic is on one of them).
            var first = id.EndsWith('0');
            results.Add(new JsonObject
            {
                ["Id"] = id,
                ["Label"] = id,
                ["Timestamps"] = first && value is not null ? new JsonArray(time.GetUtcNow().ToUnixTimeSeconds()) : new JsonArray(),
                ["Values"] = first && value is not null ? new JsonArray(value.Value) : new JsonArray(),
                ["StatusCode"] = "Complete",
            });
        }

        return new JsonObject { ["MetricDataResults"] = results, ["Messages"] = new JsonArray() };
    }
}
