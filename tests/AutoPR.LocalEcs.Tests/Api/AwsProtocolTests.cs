using AutoPR.LocalEcs.Hosting;
using AutoPR.LocalEcs.Tests.Support;

namespace AutoPR.LocalEcs.Tests.Api;

/// <summary>The AWS JSON protocol surface: target routing, signature-header checks, error shapes and headers.</summary>
public sealed class AwsProtocolTests : IAsyncLifetime
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "localecs-api-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalEcsServer _server = null!;
    private AwsJsonClient _aws = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalEcsServer.StartAsync(new LocalEcsOptions { Port = 0, StateDirectory = _stateDir, ListenerAddress = $"127.0.0.1:{FreePort.Next()}" });
        _aws = new AwsJsonClient(_server.Endpoint);
    }

    public async Task DisposeAsync()
    {
        _aws.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_stateDir, recursive: true);
    }

    [Fact]
    public async Task An_unsigned_request_is_rejected_with_MissingAuthenticationTokenException()
    {
        var (status, body, response) = await _aws.SendRawAsync("AmazonEC2ContainerServiceV20141113.ListClusters", "{}", withSignature: false);

        Assert.Equal(400, status);
        Assert.Equal("MissingAuthenticationTokenException", body["__type"]!.GetValue<string>());
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.True(Guid.TryParse(response.Headers.GetValues("x-amzn-RequestId").Single(), out _));
    }

    [Fact]
    public async Task A_request_with_an_incomplete_signature_header_is_rejected_with_IncompleteSignatureException()
    {
        using var http = new HttpClient { BaseAddress = _server.Endpoint };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters");
        request.Headers.Add("X-Amz-Date", "20260101T000000Z");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ecs/aws4_request");

        using var response = await http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("\"__type\":\"IncompleteSignatureException\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_operation_is_UnknownOperationException()
    {
        var (status, body, _) = await _aws.SendRawAsync("AmazonEC2ContainerServiceV20141113.LaunchRockets", "{}");

        Assert.Equal(400, status);
        Assert.Equal("UnknownOperationException", body["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ECS_answers_in_JSON_1_1_and_CloudWatch_in_JSON_1_0()
    {
        var ecs = await _aws.SendRawAsync("AmazonEC2ContainerServiceV20141113.ListClusters", "{}");
        var cloudwatch = await _aws.SendRawAsync("GraniteServiceVersion20100801.GetMetricData", """{"StartTime": 1, "EndTime": 2, "MetricDataQueries": []}""");

        Assert.Equal("application/x-amz-json-1.1", ecs.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("application/x-amz-json-1.0", cloudwatch.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(200, cloudwatch.Status);
    }

    [Fact]
    public async Task Not_found_errors_carry_the_ECS_codes_and_messages()
    {
        var cluster = await _aws.SendRawAsync("AmazonEC2ContainerServiceV20141113.DescribeServices", """{"cluster": "nope", "services": ["a"]}""");
        await _aws.EcsAsync("CreateCluster", """{"clusterName": "c"}""");
        var service = await _aws.SendRawAsync("AmazonEC2ContainerServiceV20141113.UpdateService", """{"cluster": "c", "service": "nope"}""");
        var definition = await _aws.SendRawAsync("AmazonEC2ContainerServiceV20141113.DescribeTaskDefinition", """{"taskDefinition": "nope:1"}""");
        var wrongType = await _aws.SendRawAsync("AmazonEC2ContainerServiceV20141113.CreateService", """{"cluster": "c", "serviceName": "s", "taskDefinition": "x", "desiredCount": "two"}""");

        Assert.Equal(("ClusterNotFoundException", "Cluster not found."), (cluster.Body["__type"]!.GetValue<string>(), cluster.Body["message"]!.GetValue<string>()));
        Assert.Equal(("ServiceNotFoundException", "Service not found."), (service.Body["__type"]!.GetValue<string>(), service.Body["message"]!.GetValue<string>()));
        Assert.Equal("ClientException", definition.Body["__type"]!.GetValue<string>());
        Assert.Equal("InvalidParameterException", wrongType.Body["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Absent_members_are_omitted_rather_than_null()
    {
        var (_, body, _) = await _aws.SendRawAsync("AmazonEC2ContainerServiceV20141113.ListClusters", "{}");

        Assert.False(body.ContainsKey("nextToken"));
    }
}
