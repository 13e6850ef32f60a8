using System.Net;
using System.Text;
using AutoPR.Deployment.Tests.Fixtures;
using AutoPR.Deployment.Verification;

namespace AutoPR.Deployment.Tests.Verification;

/// <summary>The test-traffic gate's checks, against a real HTTP server standing in for the test listener.</summary>
public sealed class SmokeChecksTests
{
    private const string TaskDefinition = "arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr-staging:7";
    private const string Git = "0123456789abcdef0123456789abcdef01234567";

    private static HttpResponseMessage Answer(HttpStatusCode status, string body, string revision = "autopr-staging:7")
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        response.Headers.Add("X-AutoPR-Revision", $"task-definition={revision}; git={Git}");
        return response;
    }

    private static async Task<(string? Failure, IReadOnlyList<RecordedRequest> Requests)> RunAsync(Func<RecordedRequest, HttpResponseMessage> answer)
    {
        using var server = new RecordingServer((request, _) => answer(request));
        var staging = RepositoryEnvironments.Load("staging");
        var environment = staging with { LoadBalancer = staging.LoadBalancer with { TestListenerUrl = server.Endpoint } };
        using var http = new HttpClient();
        var failure = await new SmokeChecks(http, environment, TimeProvider.System).RunAsync(TaskDefinition, Git, CancellationToken.None);
        return (failure, server.Requests);
    }

    private static HttpResponseMessage Good(RecordedRequest request) => request.Uri.AbsolutePath switch
    {
        "/version" => Answer(HttpStatusCode.OK, $$"""{"revision":"{{Git}}"}"""),
        "/api/instance" => Answer(HttpStatusCode.OK, $$"""{"taskDefinition":"autopr-staging:7","revision":"{{Git}}"}"""),
        _ => Answer(HttpStatusCode.OK, "{}"),
    };

    [Fact]
    public async Task A_good_release_passes_health_version_and_the_configured_requests_each_three_times()
    {
        var (failure, requests) = await RunAsync(Good);

        Assert.Null(failure);
        Assert.Equal(["/health", "/health", "/health", "/version", "/version", "/version", "/api/instance", "/api/instance", "/api/instance"], requests.Select(r => r.Uri.AbsolutePath));
    }

    [Fact]
    public async Task A_failing_request_names_the_path_the_listener_and_the_status()
    {
        var (failure, _) = await RunAsync(r => r.Uri.AbsolutePath == "/api/instance" ? Answer(HttpStatusCode.InternalServerError, "boom") : Good(r));

        Assert.StartsWith("GET /api/instance on the test listener http://127.0.0.1:", failure, StringComparison.Ordinal);
        Assert.EndsWith(": HTTP 500, expected 200", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_from_the_old_revision_fails_the_checks()
    {
        var (failure, _) = await RunAsync(r => Answer(HttpStatusCode.OK, "{}", revision: "autopr-staging:6"));

        Assert.StartsWith("GET /health on the test listener http://127.0.0.1:", failure, StringComparison.Ordinal);
        Assert.EndsWith(": answered by autopr-staging:6 instead of the new revision autopr-staging:7 (HTTP 200)", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_version_and_a_missing_body_fragment_are_named()
    {
        var (version, _) = await RunAsync(r => r.Uri.AbsolutePath == "/version" ? Answer(HttpStatusCode.OK, """{"revision":"feedbeef"}""") : Good(r));
        var (fragment, _) = await RunAsync(r => r.Uri.AbsolutePath == "/api/instance" ? Answer(HttpStatusCode.OK, "{}") : Good(r));

        Assert.EndsWith($": reports revision feedbeef, expected {Git}", version, StringComparison.Ordinal);
        Assert.EndsWith(": the body does not contain \"\"revision\"\"", fragment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_bad_answer_in_three_fails_the_check()
    {
        var calls = 0;
        var (failure, requests) = await RunAsync(r => r.Uri.AbsolutePath == "/health" && Interlocked.Increment(ref calls) == 2 ? Answer(HttpStatusCode.ServiceUnavailable, "") : Good(r));

        Assert.EndsWith(": HTTP 503, expected 200", failure, StringComparison.Ordinal);
        Assert.Equal(2, requests.Count);
    }
}
