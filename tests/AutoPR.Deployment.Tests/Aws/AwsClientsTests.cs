using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Aws.Credentials;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Aws;

/// <summary>From an environment file to working clients: region, endpoints, retries and credentials resolved once.</summary>
[Collection(MotoCollection.Name)]
public sealed class AwsClientsTests(MotoServerFixture moto) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("autopr-clients-").FullName;

    [Fact]
    public async Task The_local_environment_resolves_to_the_local_stack_and_local_keys_without_asking_the_chain()
    {
        var local = RepositoryEnvironments.Load("local");
        var variables = EndpointTests.Variables(("AWS_ENDPOINT_URL_ECS", "http://127.0.0.1:9999"), ("AWS_MAX_ATTEMPTS", "5"));

        using var clients = await AwsClients.CreateAsync(local, new AwsClientsOptions { GetVariable = variables });

        Assert.Equal("us-east-1", clients.Options.Region);
        Assert.Same(AwsCredentialResolver.LocalStandIn, clients.Options.Credentials);
        Assert.Equal(5, clients.Options.Retry.MaxAttempts);
        Assert.Equal(new Uri("http://127.0.0.1:4566/"), clients.Core.EndpointFor(AwsService.Ecs));
        Assert.Equal(new Uri("http://127.0.0.1:4566/"), clients.Core.EndpointFor(AwsService.Ecr));
        Assert.Equal(new Uri("http://127.0.0.1:4566/"), clients.Core.EndpointFor(AwsService.CloudWatch));
    }

    [Fact]
    public async Task A_local_environment_pointing_at_moto_works_end_to_end()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Environments, "local.json")))!;
        foreach (var service in new[] { "ecs", "ecr", "cloudwatch" })
        {
            json["aws"]!["endpoints"]![service] = moto.Endpoint.ToString();
        }

        File.Copy(Path.Combine(RepositoryPaths.Environments, EnvironmentLoader.SchemaFileName), Path.Combine(_directory, EnvironmentLoader.SchemaFileName));
        File.WriteAllText(Path.Combine(_directory, "local.json"), json.ToJsonString());
        var environment = RepositoryEnvironments.Load(_directory, "local");

        using var clients = await AwsClients.CreateAsync(environment, new AwsClientsOptions { GetVariable = _ => null });
        var repository = await clients.Ecr.EnsureRepositoryAsync("autopr-" + Guid.NewGuid().ToString("N")[..8], environment.Ecr.ToRepositorySettings());
        var clusters = await clients.Ecs.DescribeClustersAsync([environment.Cluster]);

        Assert.Equal("MUTABLE", repository.ImageTagMutability);
        Assert.Single(clusters.Failures.Concat<object>(clusters.Items));
    }

    [Fact]
    public void The_operation_list_names_every_iam_action_once()
    {
        var actions = AwsClients.AllOperations.Select(o => o.IamAction).ToList();

        Assert.Equal(actions.Count, actions.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("ecs:RegisterTaskDefinition", actions);
        Assert.Contains("ecs:StopServiceDeployment", actions);
        Assert.Contains("ecr:GetAuthorizationToken", actions);
        Assert.Contains("cloudwatch:GetMetricData", actions);
        Assert.Contains("ssm:GetParameter", actions);
        Assert.Contains("ecs:ContinueServiceDeployment", actions);
        Assert.Contains("ecs:RunTask", actions);
        Assert.Contains("logs:GetLogEvents", actions);
        Assert.Contains("logs:FilterLogEvents", actions);
        Assert.Contains("logs:DescribeLogStreams", actions);
        Assert.Contains("rds:CreateDBSnapshot", actions);
        Assert.DoesNotContain("ssm:PutParameter", actions);

        Assert.Contains("s3:GetObject", actions);

        // ECS 19, ECR 7, CloudWatch 2, SSM 2 (GetParameter shared by the checker and the SSM client), Logs 3, RDS 2, S3 1.
        Assert.Equal(19 + 7 + 2 + 2 + 3 + 2 + 1, actions.Count);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
