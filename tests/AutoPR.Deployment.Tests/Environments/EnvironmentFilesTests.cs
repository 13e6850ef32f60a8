using System.Net;
using System.Text.Json.Nodes;
using AutoPR.Deployment.Aws.Credentials;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Environments;

/// <summary>The environment files in deploy/environments are valid and say what the deployment needs.</summary>
public sealed class EnvironmentFilesTests
{
    [Fact]
    public void The_environments_and_the_local_rehearsals_of_each_strategy_are_listed_in_order()
    {
        Assert.Equal(["dev", "local", "local-blue-green", "local-canary", "local-linear", "production", "staging"], EnvironmentLoader.ListNames(RepositoryPaths.Environments));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("production")]
    [InlineData("local-blue-green")]
    [InlineData("local-canary")]
    [InlineData("local-linear")]
    public void Every_environment_file_names_its_schema_and_loads(string name)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Environments, name + ".json")))!;
        Assert.Equal("./environment.schema.json", json["$schema"]!.GetValue<string>());

        var environment = RepositoryEnvironments.Load(name);

        Assert.Equal(name, environment.Name);
        Assert.Equal("autopr", environment.Service);
        Assert.Equal("autopr", environment.Ecr.Repository);
        Assert.True(environment.Deployment.MinimumHealthyPercent <= environment.Deployment.MaximumPercent);
        Assert.True(environment.Deployment.CircuitBreaker.Enable);
        Assert.EndsWith("/health", environment.HealthUrl.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("autopr", environment.LoadBalancer.ContainerName);
        Assert.Equal(8000, environment.LoadBalancer.ContainerPort);
        Assert.InRange(environment.Verification.MaxErrorRate, 0, 1);
        Assert.True(environment.Verification.ConsecutiveHealthyChecks >= 1);
        Assert.True(Path.IsPathFullyQualified(environment.FilePath));
    }

    [Fact]
    public void Local_points_at_the_local_stack_on_loopback()
    {
        var local = RepositoryEnvironments.Load("local");

        Assert.True(local.IsLocal);
        Assert.Equal(AwsCredentialMode.Local, local.Aws.Credentials);
        Assert.Equal("000000000000", local.Aws.AccountId);
        Assert.Equal("us-east-1", local.Aws.Region);
        Assert.Equal("autopr-local", local.Cluster);
        Assert.All(["ecs", "ecr", "cloudwatch"], s => Assert.Equal(new Uri("http://127.0.0.1:4566"), local.Aws.Endpoints[s]));
        Assert.Equal("127.0.0.1:5000", local.Ecr.RegistryHost(local.Aws));
        Assert.Equal(new Uri("http://127.0.0.1:8080"), local.LoadBalancer.ListenerUrl);
        Assert.Equal(new Uri("http://127.0.0.1:8080/health"), local.HealthUrl);
        // The local stack's PostgreSQL URL: LocalUp puts it into LocalEcs's parameter store.
        Assert.Equal("arn:aws:ssm:us-east-1:000000000000:parameter/autopr/local/DATABASE_URL", Assert.Single(local.Secrets).Value);
        Assert.All(local.Aws.Endpoints.Values, uri => Assert.True(IPAddress.IsLoopback(IPAddress.Parse(uri.Host))));
    }

    [Fact]
    public void Aws_environments_use_the_default_chain_and_reference_secrets_by_arn_only()
    {
        foreach (var name in new[] { "dev", "staging", "production" })
        {
            var environment = RepositoryEnvironments.Load(name);
            Assert.False(environment.IsLocal);
            Assert.Equal("123456789012", environment.Aws.AccountId);
            Assert.Equal("eu-west-1", environment.Aws.Region);
            Assert.Empty(environment.Aws.Endpoints);
            Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com", environment.Ecr.RegistryHost(environment.Aws));
            Assert.NotEmpty(environment.Secrets);
            Assert.All(environment.Secrets.Values, arn => Assert.StartsWith($"arn:aws:ssm:eu-west-1:123456789012:parameter/autopr/{name}/", arn, StringComparison.Ordinal));
            Assert.NotNull(environment.Network);
            Assert.NotNull(environment.ExecutionRoleArn);
            Assert.NotNull(environment.LoadBalancer.TargetGroupArn);
        }
    }

    [Fact]
    public void Production_requires_approval_and_shifts_traffic_blue_green_with_a_bake_time()
    {
        var production = RepositoryEnvironments.Load("production");
        var dev = RepositoryEnvironments.Load("dev");

        Assert.True(production.RequiresApproval);
        Assert.Equal(DeploymentStrategy.BlueGreen, production.Deployment.Strategy);
        Assert.Equal("BLUE_GREEN", production.Deployment.StrategyName);
        Assert.True(production.Deployment.BakeTimeMinutes > 0);
        Assert.NotNull(production.LoadBalancer.AlternateTargetGroupArn);
        Assert.Equal(100, production.Deployment.MinimumHealthyPercent);
        Assert.False(dev.RequiresApproval);
        Assert.Equal(DeploymentStrategy.Rolling, dev.Deployment.Strategy);
    }
}
