using System.Net;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ssm;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Ssm;

/// <summary>SsmClient against a recording server on loopback: targets and bodies, and a value that reaches no log and no error.</summary>
public sealed class SsmClientRecordingWireTests
{
    private const string Secret = "postgres://autopr:s3cr3t-Value-that-must-not-leak@db:5432/autopr";

    [Fact]
    public async Task Put_get_and_delete_send_their_targets_and_exact_bodies()
    {
        using var server = new RecordingServer((request, index) => RecordingHandler.Json(HttpStatusCode.OK, request.Operation switch
        {
            "PutParameter" => """{"Version":3,"Tier":"Standard"}""",
            "GetParameter" => $$"""{"Parameter":{"Name":"/autopr/dev/db","Type":"SecureString","Value":"{{Secret}}","Version":3,"ARN":"arn:aws:ssm:eu-west-1:123456789012:parameter/autopr/dev/db","DataType":"text","LastModifiedDate":1767225600.5} }""",
            _ => "{}",
        }, ("x-amzn-RequestId", "req-" + index)));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var version = await clients.SsmParameters.PutParameterAsync("/autopr/dev/db", Secret, SsmParameterType.SecureString, overwrite: true, description: "database URL");
        var parameter = await clients.SsmParameters.GetParameterAsync("/autopr/dev/db", withDecryption: true);
        await clients.SsmParameters.DeleteParameterAsync("/autopr/dev/db");

        Assert.Equal(3, version);
        Assert.Equal(("/autopr/dev/db", Secret, "SecureString", 3L), (parameter.Name, parameter.Value, parameter.Type, parameter.Version));
        Assert.Equal("arn:aws:ssm:eu-west-1:123456789012:parameter/autopr/dev/db", parameter.Arn);
        var requests = server.Requests;
        Assert.Equal(["AmazonSSM.PutParameter", "AmazonSSM.GetParameter", "AmazonSSM.DeleteParameter"], requests.Select(r => r.Target));
        Assert.Equal($$"""{"Name":"/autopr/dev/db","Value":"{{Secret}}","Type":"SecureString","Overwrite":true,"Description":"database URL"}""", requests[0].Body);
        Assert.Equal("""{"Name":"/autopr/dev/db","WithDecryption":true}""", requests[1].Body);
        Assert.Equal("""{"Name":"/autopr/dev/db"}""", requests[2].Body);
        Assert.All(requests, r =>
        {
            Assert.Equal("application/x-amz-json-1.1", r.Header("Content-Type"));
            Assert.Contains("/eu-west-1/ssm/aws4_request", r.Header("Authorization"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_parameter_prints_without_its_value()
    {
        var parameter = new SsmParameter("/autopr/dev/db", Secret, "SecureString", 2, null);

        Assert.Equal("/autopr/dev/db (SecureString, version 2)", parameter.ToString());
        Assert.DoesNotContain(Secret, $"{parameter}", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_reaches_no_log_line_no_retry_report_and_no_error_message_even_when_the_service_quotes_it()
    {
        using var server = new RecordingServer((_, index) => index switch
        {
            0 => RecordingHandler.Json(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""),
            1 => RecordingHandler.Json(HttpStatusCode.InternalServerError, $$"""{"__type":"InternalServerError","message":"failed on {{Secret}}"}"""),
            _ => RecordingHandler.Json(HttpStatusCode.BadRequest, $$"""{"__type":"ValidationException","message":"1 validation error detected: Value '{{Secret}}' at 'value' failed to satisfy constraint"}"""),
        });
        var logger = new CapturingLogger();
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1") with { Logger = logger });
        var retries = new List<string>();
        clients.Core.Retrying += (_, e) => retries.Add($"{e.Operation} {e.ErrorCode} {e.FailedAttempt}");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.SsmParameters.PutParameterAsync("/autopr/dev/db", Secret, SsmParameterType.SecureString));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Equal("1 validation error detected: Value '[redacted]' at 'value' failed to satisfy constraint", error.ErrorMessage);
        Assert.DoesNotContain(Secret, error.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(logger.Lines);
        Assert.All(logger.Lines.Concat(retries), line => Assert.DoesNotContain("s3cr3t", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Parameter_not_found_is_an_aws_service_exception_with_its_code()
    {
        using var server = new RecordingServer((_, _) => RecordingHandler.Json(HttpStatusCode.BadRequest, """{"__type":"ParameterNotFound","message":""}"""));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1"));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => clients.SsmParameters.GetParameterAsync("/autopr/dev/missing"));

        Assert.Equal("ParameterNotFound", error.ErrorCode);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task A_read_only_connection_refuses_put_and_delete_and_sends_get()
    {
        using var server = new RecordingServer((_, _) => RecordingHandler.Json(HttpStatusCode.OK, """{"Parameter":{"Name":"p","Type":"String","Value":"v","Version":1}}"""));
        using var clients = AwsClients.Create(TestConnections.Loopback(server.Endpoint, "eu-west-1") with { ReadOnly = true });

        await Assert.ThrowsAsync<ReadOnlyViolationException>(() => clients.SsmParameters.PutParameterAsync("p", "v", SsmParameterType.String));
        await Assert.ThrowsAsync<ReadOnlyViolationException>(() => clients.SsmParameters.DeleteParameterAsync("p"));
        Assert.Empty(server.Requests);

        Assert.Equal("v", (await clients.SsmParameters.GetParameterAsync("p")).Value);
    }
}
