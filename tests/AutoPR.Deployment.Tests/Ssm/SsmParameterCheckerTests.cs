using System.Net;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using AutoPR.Deployment.Aws.Endpoints;
using AutoPR.Deployment.Aws.Retries;
using AutoPR.Deployment.Ssm;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Ssm;

/// <summary>Secret parameters are checked for existence and readability through AWSSDK.SimpleSystemsManagement, never decrypted.</summary>
[Collection(MotoCollection.Name)]
public sealed class SsmParameterCheckerTests(MotoServerFixture moto)
{
    private const string SecretValue = "postgres://autopr:pLaNtEd-Db-PaSsWoRd@db.internal/autopr";

    [Fact]
    public async Task Existing_parameters_are_readable_and_missing_or_malformed_ones_are_reported()
    {
        var prefix = "/autopr/test-" + Guid.NewGuid().ToString("N")[..8];
        using (var ssm = Client(moto.Endpoint))
        {
            await ssm.PutParameterAsync(new PutParameterRequest { Name = prefix + "/DATABASE_URL", Value = SecretValue, Type = ParameterType.SecureString });
            await ssm.PutParameterAsync(new PutParameterRequest { Name = prefix + "/FEATURE_FLAGS", Value = "a,b", Type = ParameterType.StringList });
        }

        using var checker = SsmParameterChecker.Create(TestConnections.Credentials, Endpoints(moto.Endpoint), AwsRetryOptions.Standard);
        var results = await checker.CheckAsync(new Dictionary<string, string>
        {
            ["DATABASE_URL"] = $"arn:aws:ssm:us-east-1:123456789012:parameter{prefix}/DATABASE_URL",
            ["FEATURE_FLAGS"] = $"arn:aws:ssm:us-east-1:123456789012:parameter{prefix}/FEATURE_FLAGS",
            ["GITHUB_TOKEN"] = $"arn:aws:ssm:us-east-1:123456789012:parameter{prefix}/GITHUB_TOKEN",
            ["BROKEN"] = "arn:aws:secretsmanager:us-east-1:123456789012:secret:autopr",
        });

        Assert.Equal(["BROKEN", "DATABASE_URL", "FEATURE_FLAGS", "GITHUB_TOKEN"], results.Select(r => r.SecretName));
        Assert.Equal(
            [SecretParameterStatus.InvalidReference, SecretParameterStatus.Readable, SecretParameterStatus.Readable, SecretParameterStatus.Missing],
            results.Select(r => r.Status));
        Assert.Equal("SecureString", results[1].ParameterType);
        Assert.Equal("StringList", results[2].ParameterType);
        Assert.Contains($"parameter {prefix}/GITHUB_TOKEN does not exist in us-east-1", results[3].Detail, StringComparison.Ordinal);
        Assert.All(results, r => Assert.DoesNotContain("pLaNtEd", r.ToString(), StringComparison.Ordinal));
        Assert.All(results, r => Assert.DoesNotContain('\n', r.Detail));
    }

    [Fact]
    public async Task A_denied_read_of_an_existing_parameter_says_which_permission_is_missing_and_never_decrypts()
    {
        using var server = new RecordingServer((request, _) => request.Target switch
        {
            "AmazonSSM.GetParameter" => RecordingHandler.Json(HttpStatusCode.BadRequest, """{"__type":"AccessDeniedException","message":"User is not authorized to perform: ssm:GetParameter"}"""),
            "AmazonSSM.DescribeParameters" => RecordingHandler.Json(HttpStatusCode.OK, """{"Parameters":[{"Name":"/autopr/prod/DATABASE_URL","Type":"SecureString","Version":3}]}"""),
            _ => RecordingHandler.Json(HttpStatusCode.BadRequest, """{"__type":"InvalidAction","message":"unexpected"}"""),
        });
        using var checker = SsmParameterChecker.Create(TestConnections.Credentials, Endpoints(server.Endpoint), AwsRetryOptions.Standard);

        var result = Assert.Single(await checker.CheckAsync(new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "arn:aws:ssm:eu-west-1:123456789012:parameter/autopr/prod/DATABASE_URL",
        }));

        Assert.Equal(SecretParameterStatus.NotReadable, result.Status);
        Assert.Contains("exists but reading it is denied", result.Detail, StringComparison.Ordinal);
        Assert.Contains("ssm:GetParameters", result.Detail, StringComparison.Ordinal);
        var get = server.Requests.First(r => r.Target == "AmazonSSM.GetParameter");
        Assert.Equal("false", get.Json!["WithDecryption"]!.ToJsonString());
        Assert.Equal("arn:aws:ssm:eu-west-1:123456789012:parameter/autopr/prod/DATABASE_URL", get.Json["Name"]!.GetValue<string>());
        Assert.Contains("/eu-west-1/ssm/aws4_request", get.Header("Authorization"), StringComparison.Ordinal);
        var describe = server.Requests.Single(r => r.Target == "AmazonSSM.DescribeParameters");
        Assert.Equal("/autopr/prod/DATABASE_URL", describe.Json!["ParameterFilters"]![0]!["Values"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("arn:aws:ssm:eu-west-1:123456789012:parameter/autopr/dev/DATABASE_URL", "eu-west-1", "/autopr/dev/DATABASE_URL")]
    [InlineData("arn:aws:ssm:us-gov-west-1:123456789012:parameter/plain-name", "us-gov-west-1", "plain-name")]
    public void Parameter_arns_are_taken_apart(string arn, string region, string name)
    {
        var reference = SsmParameterReference.TryParse(arn, out _);
        Assert.NotNull(reference);
        Assert.Equal(region, reference.Region);
        Assert.Equal(name, reference.Name);
    }

    private static AwsEndpointSettings Endpoints(Uri endpoint) =>
        new() { ConfiguredEndpoints = new Dictionary<string, Uri> { ["ssm"] = endpoint } };

    private static AmazonSimpleSystemsManagementClient Client(Uri endpoint) =>
        new(TestConnections.Credentials, new AmazonSimpleSystemsManagementConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1" });
}
