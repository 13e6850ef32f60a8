using System.Text.Json.Nodes;
using Amazon.Runtime;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Metrics;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Aws;

/// <summary>
/// Test group 4: a request signed by our stack (AWSSDK.Core's SigV4SigningHandler under AwsJsonClient) gets the
/// same signature from an independent implementation, botocore's SigV4Auth, given the same keys, time and headers.
/// </summary>
public sealed class SigV4Tests
{
    private static readonly DateTime SignedAt = new(2026, 1, 15, 12, 34, 56, DateTimeKind.Utc);

    [Fact]
    public async Task Botocore_computes_the_same_signature_for_requests_signed_by_our_stack()
    {
        var cases = new List<(AWSCredentials Credentials, string Region, AwsOperation Operation, JsonObject Body)>
        {
            (new SessionAWSCredentials("ASIAEXAMPLEKEYID0001", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCWV1LXdlc3QtMSJHMEUCIQD+session+token+example=="),
                "eu-west-1", EcsOperations.UpdateService, SampleDocuments.UpdateServiceRequest()),
            (new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                "us-gov-west-1", EcsOperations.RegisterTaskDefinition, SampleDocuments.TaskDefinition()),
            (new SessionAWSCredentials("ASIAEXAMPLEKEYID0002", "another/secret+key", "token-two"),
                "cn-north-1", CloudWatchOperations.GetMetricData, JsonNode.Parse("""{"MetricDataQueries":[{"Id":"m","Expression":"SUM(METRICS())","Period":60}],"StartTime":1767225600,"EndTime":1767229200}""")!.AsObject()),
        };

        var signed = new List<(RecordedRequest Request, AWSCredentials Credentials, string Region, AwsOperation Operation)>();
        foreach (var (credentials, region, operation, body) in cases)
        {
            var handler = new RecordingHandler(CannedResponses.Respond);
            using var client = new AwsJsonClient(TestConnections.InProcess(handler) with { Credentials = credentials, Region = region, FixedSigningTime = SignedAt });
            await client.SendAsync(operation, body, CancellationToken.None);
            signed.Add((Assert.Single(handler.Requests), credentials, region, operation));
        }

        var input = new JsonArray();
        foreach (var (request, credentials, region, operation) in signed)
        {
            var keys = await credentials.GetCredentialsAsync();
            var authorization = ParseAuthorization(request.Header("Authorization"));
            var headers = new JsonObject();
            foreach (var name in authorization.SignedHeaders)
            {
                headers[name] = name == "host" ? request.Uri.Authority : request.Header(name);
            }

            input.Add(new JsonObject
            {
                ["method"] = request.Method.Method,
                ["url"] = request.Uri.ToString(),
                ["headers"] = headers,
                ["body"] = request.Body,
                ["access_key"] = keys.AccessKey,
                ["secret_key"] = keys.SecretKey,
                ["token"] = keys.UseToken ? keys.Token : null,
                ["region"] = region,
                ["service"] = operation.Service.SigningName,
                ["timestamp"] = request.Header("X-Amz-Date"),
            });
        }

        var output = JsonNode.Parse(await Python.RunScriptAsync("sigv4_verify.py", input.ToJsonString()))!.AsArray();
        for (var i = 0; i < signed.Count; i++)
        {
            var ours = ParseAuthorization(signed[i].Request.Header("Authorization"));
            var theirs = output[i]!;
            Assert.Equal("20260115T123456Z", signed[i].Request.Header("X-Amz-Date"));
            Assert.Equal(theirs["signed_headers"]!.GetValue<string>(), string.Join(';', ours.SignedHeaders));
            Assert.True(
                theirs["signature"]!.GetValue<string>() == ours.Signature,
                $"case {i} ({signed[i].Operation}): botocore {theirs["signature"]} vs ours {ours.Signature}; botocore canonical request:\n{theirs["canonical_request"]}");
        }
    }

    [Fact]
    public async Task Botocore_computes_the_same_signature_for_a_form_encoded_query_request()
    {
        var handler = new RecordingHandler((_, _) => Rds.RdsResponses.Result("CreateDBSnapshot", Rds.RdsResponses.Snapshot()));
        var credentials = new SessionAWSCredentials("ASIAEXAMPLEKEYID0003", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "token-three");
        using (var client = new AwsJsonClient(TestConnections.InProcess(handler) with { Credentials = credentials, FixedSigningTime = SignedAt }))
        {
            await new AwsQueryClient(client).SendAsync(AutoPR.Deployment.Rds.RdsOperations.CreateDBSnapshot,
                [new("DBInstanceIdentifier", "autopr-prod"), new("DBSnapshotIdentifier", "pre-migrate"), new("Tags.Tag.1.Key", "by"), new("Tags.Tag.1.Value", "ci run/7 & co")],
                CancellationToken.None);
        }

        var request = Assert.Single(handler.Requests);
        var ours = ParseAuthorization(request.Header("Authorization"));
        var headers = new JsonObject();
        foreach (var name in ours.SignedHeaders)
        {
            headers[name] = name == "host" ? request.Uri.Authority : request.Header(name);
        }

        var input = new JsonArray(new JsonObject
        {
            ["method"] = request.Method.Method,
            ["url"] = request.Uri.ToString(),
            ["headers"] = headers,
            ["body"] = request.Body,
            ["access_key"] = "ASIAEXAMPLEKEYID0003",
            ["secret_key"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            ["token"] = "token-three",
            ["region"] = "eu-west-1",
            ["service"] = "rds",
            ["timestamp"] = request.Header("X-Amz-Date"),
        });
        var theirs = JsonNode.Parse(await Python.RunScriptAsync("sigv4_verify.py", input.ToJsonString()))!.AsArray()[0]!;

        Assert.Equal("https://rds.eu-west-1.amazonaws.com/", request.Uri.ToString());
        Assert.Contains("content-type", ours.SignedHeaders);
        Assert.DoesNotContain("x-amz-target", ours.SignedHeaders);
        Assert.True(theirs["signature"]!.GetValue<string>() == ours.Signature, $"botocore {theirs["signature"]} vs ours {ours.Signature}; botocore canonical request:\n{theirs["canonical_request"]}");
    }

    [Fact]
    public async Task The_session_token_is_sent_and_signed()
    {
        var handler = new RecordingHandler(CannedResponses.Respond);
        var credentials = new SessionAWSCredentials("ASIAEXAMPLEKEYID0001", "secret", "the-session-token");
        using (var client = new AwsJsonClient(TestConnections.InProcess(handler) with { Credentials = credentials, FixedSigningTime = SignedAt }))
        {
            await client.SendAsync(EcsOperations.ListTagsForResource, new JsonObject { ["resourceArn"] = CannedResponses.ServiceArn }, CancellationToken.None);
        }

        var request = Assert.Single(handler.Requests);
        Assert.Equal("the-session-token", request.Header("X-Amz-Security-Token"));
        Assert.Contains("x-amz-security-token", ParseAuthorization(request.Header("Authorization")).SignedHeaders);
        Assert.Contains("x-amz-target", ParseAuthorization(request.Header("Authorization")).SignedHeaders);
    }

    private static (IReadOnlyList<string> SignedHeaders, string Signature) ParseAuthorization(string header)
    {
        Assert.StartsWith("AWS4-HMAC-SHA256 ", header, StringComparison.Ordinal);
        var parts = header["AWS4-HMAC-SHA256 ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return (parts["SignedHeaders"].Split(';'), parts["Signature"]);
    }
}
