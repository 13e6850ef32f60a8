using System.Net;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Aws.Retries;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace AutoPR.Deployment.Tests.Aws;

/// <summary>Test group 5: retries of throttling, 5xx and network failures; immediate failure otherwise; cancellation in a backoff.</summary>
public sealed class RetryTests
{
    private static readonly JsonObject DescribeRequest = new() { ["cluster"] = "autopr-dev", ["services"] = new JsonArray("autopr") };

    [Fact]
    public async Task Throttled_twice_then_success_returns_the_third_answer_after_full_jitter_backoffs()
    {
        var time = new FakeTimeProvider();
        var handler = new RecordingHandler((request, index) => index < 2
            ? RecordingHandler.Json(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.ecs#ThrottlingException","message":"Rate exceeded"}""")
            : CannedResponses.Respond(request, index));
        var retry = AwsRetryOptions.Standard with { Random = () => 0.5 };
        using var client = new AwsJsonClient(TestConnections.InProcess(handler, retry, time));
        var retries = new List<AwsRetryEventArgs>();
        client.Retrying += (_, e) => retries.Add(e);

        var response = await time.DriveAsync(client.SendAsync(EcsOperations.DescribeServices, DescribeRequest, CancellationToken.None));

        Assert.Equal("autopr", new EcsDescribeServicesReader(response).FirstServiceName);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"], handler.Requests.Select(r => r.Header("amz-sdk-request")));
        Assert.Single(handler.Requests.Select(r => r.Header("amz-sdk-invocation-id")).Distinct());
        Assert.Equal(["ThrottlingException", "ThrottlingException"], retries.Select(r => r.ErrorCode));

        // Full jitter: random(0,1) x min(cap, base x 2^retry) with the random fixed at 0.5.
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1000)], retries.Select(r => r.Delay));
    }

    [Fact]
    public async Task A_non_retryable_error_fails_at_once_with_the_aws_code_and_message()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(
            HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.ecs#ClusterNotFoundException","message":"Cluster not found."}""",
            ("x-amzn-RequestId", "8c0d5a2e-1111-2222-3333-444455556666")));
        using var client = new AwsJsonClient(TestConnections.InProcess(handler));
        var retried = false;
        client.Retrying += (_, _) => retried = true;

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.SendAsync(EcsOperations.DescribeServices, DescribeRequest, CancellationToken.None));

        Assert.Single(handler.Requests);
        Assert.False(retried);
        Assert.Equal("ecs", error.Service);
        Assert.Equal("DescribeServices", error.Operation);
        Assert.Equal("ClusterNotFoundException", error.ErrorCode);
        Assert.Equal("Cluster not found.", error.ErrorMessage);
        Assert.Equal("8c0d5a2e-1111-2222-3333-444455556666", error.RequestId);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Equal("ecs:DescribeServices failed: ClusterNotFoundException: Cluster not found. (HTTP 400, request id 8c0d5a2e-1111-2222-3333-444455556666)", error.Message);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_call_succeeds()
    {
        var handler = new RecordingHandler((request, index) => index switch
        {
            0 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            1 => RecordingHandler.Json(HttpStatusCode.InternalServerError, """{"__type":"ServerException","message":"internal error"}"""),
            _ => CannedResponses.Respond(request, index),
        });
        using var client = new AwsJsonClient(TestConnections.InProcess(handler));

        var response = await client.SendAsync(EcsOperations.DescribeServices, DescribeRequest, CancellationToken.None);

        Assert.Equal(3, handler.Requests.Count);
        Assert.NotNull(response["services"]);
    }

    [Fact]
    public async Task Persistent_server_errors_stop_after_the_configured_attempts()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.InternalServerError, """{"__type":"ServerException","message":"still broken"}"""));
        using var client = new AwsJsonClient(TestConnections.InProcess(handler, AwsRetryOptions.Standard with { MaxAttempts = 4, BaseDelay = TimeSpan.Zero }));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.SendAsync(EcsOperations.DescribeServices, DescribeRequest, CancellationToken.None));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal("ServerException", error.ErrorCode);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task A_transient_network_failure_is_retried()
    {
        var handler = new RecordingHandler((request, index) => index == 0
            ? throw new HttpRequestException("Connection reset by peer")
            : CannedResponses.Respond(request, index));
        using var client = new AwsJsonClient(TestConnections.InProcess(handler));

        await client.SendAsync(EcsOperations.DescribeServices, DescribeRequest, CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_hung_attempt_times_out_and_is_retried()
    {
        var time = new FakeTimeProvider();
        var handler = new RecordingHandler(async (request, index, cancellationToken) =>
        {
            if (index == 0)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return CannedResponses.Respond(request, index);
        });
        using var client = new AwsJsonClient(TestConnections.InProcess(handler, AwsRetryOptions.Standard with { AttemptTimeout = TimeSpan.FromSeconds(5), BaseDelay = TimeSpan.Zero }, time));
        var retries = new List<AwsRetryEventArgs>();
        client.Retrying += (_, e) => retries.Add(e);

        await time.DriveAsync(client.SendAsync(EcsOperations.DescribeServices, DescribeRequest, CancellationToken.None), TimeSpan.FromSeconds(1));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(AwsServiceException.TimeoutErrorCode, Assert.Single(retries).ErrorCode);
    }

    [Fact]
    public async Task Cancellation_during_a_backoff_stops_at_once_without_another_attempt()
    {
        var time = new FakeTimeProvider();
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""));
        using var client = new AwsJsonClient(TestConnections.InProcess(handler, AwsRetryOptions.Standard with { BaseDelay = TimeSpan.FromMinutes(1), Random = () => 1 }, time));
        using var cancellation = new CancellationTokenSource();
        var backoffStarted = new TaskCompletionSource();
        client.Retrying += (_, _) => backoffStarted.TrySetResult();

        var call = client.SendAsync(EcsOperations.DescribeServices, DescribeRequest, cancellation.Token);
        await backoffStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        // The fake clock never moves: only cancellation can end the one-minute backoff.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task One_attempt_means_no_retry()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""));
        var retry = AwsRetryOptions.FromEnvironment(name => name == "AWS_MAX_ATTEMPTS" ? "1" : null);
        using var client = new AwsJsonClient(TestConnections.InProcess(handler, retry));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.SendAsync(EcsOperations.DescribeServices, DescribeRequest, CancellationToken.None));

        Assert.Single(handler.Requests);
        Assert.True(error.IsRetryable);
    }

    /// <summary>Reads the first service name of a DescribeServices response.</summary>
    private sealed class EcsDescribeServicesReader(JsonObject response)
    {
        public string? FirstServiceName => JsonRead.GetString(JsonRead.GetArray(response, "services").First(), "serviceName");
    }
}
