using System.Text.Json.Nodes;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Infrastructure;
using AutoPR.Deployment.S3;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Infrastructure;

/// <summary>
/// The outputs an environment file refers to, read as deployments read them: the state object from moto_server's S3
/// (GetObject signed with SigV4 through the project's client) and `terraform output -json` in a root. The states are
/// written by the real terraform binary (roots of outputs only: no provider needed).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class TerraformOutputReaderTests(MotoServerFixture moto) : IDisposable
{
    private const string Bucket = "autopr-terraform-state-123456789012";
    private readonly string _directory = Directory.CreateTempSubdirectory("autopr-env-state-").FullName;

    [Fact]
    public async Task Staging_resolves_every_reference_from_its_state_object_in_s3()
    {
        var root = await TerraformStates.ApplyExampleAsync("staging");
        await PutObjectAsync("autopr/staging/terraform.tfstate", await File.ReadAllTextAsync(TerraformStates.StateFile(root)));

        var staging = await EnvironmentLoader.LoadAsync(RepositoryPaths.Environments, "staging", Reader(), CancellationToken.None);

        var example = RepositoryEnvironments.Load("staging");
        Assert.Equal(example.LoadBalancer, staging.LoadBalancer);
        Assert.Equal(example.Secrets, staging.Secrets);
        Assert.Equal(("autopr-staging", "autopr", "/ecs/autopr-staging"), (staging.Cluster, staging.Service, staging.LogGroup));
        Assert.Equal(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], staging.Network!.Subnets);
        Assert.Equal(["sg-0a1b2c3d4e5f60001"], staging.Network.SecurityGroups);
        Assert.Equal("arn:aws:iam::123456789012:role/autopr-staging-ecs-infrastructure", staging.LoadBalancer.RoleArn);
    }

    [Fact]
    public async Task Terraform_output_in_a_root_gives_the_same_environment()
    {
        var root = await TerraformStates.ApplyExampleAsync("production");
        CopyEnvironment("production", json => json["terraform"] = new JsonObject { ["root"] = Path.GetRelativePath(_directory, root) });

        var production = await EnvironmentLoader.LoadAsync(_directory, "production", Reader(), CancellationToken.None);

        Assert.Equal(RepositoryEnvironments.Load("production").LoadBalancer, production.LoadBalancer);
        Assert.Equal(3, production.DesiredCount);
        Assert.Equal("/ecs/autopr-production", production.LogGroup);
    }

    [Fact]
    public async Task A_state_object_that_does_not_exist_is_one_line_that_says_to_apply_first()
    {
        CopyEnvironment("dev", json => json["terraform"] = new JsonObject { ["state"] = $"s3://{Bucket}/autopr/nowhere/terraform.tfstate" });
        await EnsureBucketAsync();

        var error = await Assert.ThrowsAsync<EnvironmentConfigurationException>(() => EnvironmentLoader.LoadAsync(_directory, "dev", Reader(), CancellationToken.None));

        Assert.StartsWith($"dev.json: $.terraform.state: cannot read s3://{Bucket}/autopr/nowhere/terraform.tfstate: NoSuchKey: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("fix: apply the environment's Terraform first (./build.sh InfraPlan InfraApply --environment dev)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task An_output_missing_from_the_state_is_named_with_the_state_it_was_looked_for_in()
    {
        var outputs = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryEnvironments.OutputsDirectory, "dev.json")))!.AsObject();
        outputs.Remove("health_url");
        var root = await TerraformStates.ApplyAsync("dev-without-health-url", outputs.ToJsonString());
        await PutObjectAsync("autopr/dev-partial/terraform.tfstate", await File.ReadAllTextAsync(TerraformStates.StateFile(root)));
        CopyEnvironment("dev", json => json["terraform"] = new JsonObject { ["state"] = $"s3://{Bucket}/autopr/dev-partial/terraform.tfstate" });

        var error = await Assert.ThrowsAsync<EnvironmentConfigurationException>(() => EnvironmentLoader.LoadAsync(_directory, "dev", Reader(), CancellationToken.None));

        Assert.Contains($"dev.json: $.healthUrl: ${{tf.health_url}} names no output of s3://{Bucket}/autopr/dev-partial/terraform.tfstate; fix: use one of account_id, ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_file_is_read_with_its_sensitive_flags_and_typed_values()
    {
        var root = await TerraformStates.ApplyAsync("sensitive", """{"password":{"sensitive":true,"value":"p4ss"},"port":{"sensitive":false,"value":8000}}""");

        var outputs = TerraformOutputs.Parse(await File.ReadAllTextAsync(TerraformStates.StateFile(root)), "state");

        Assert.True(outputs.Find("password")!.Sensitive);
        Assert.Equal(8000, outputs.Find("port")!.Value!.GetValue<int>());
        Assert.Null(outputs.Find("absent"));
    }

    [Theory]
    [InlineData("https://s3.eu-west-1.amazonaws.com/", "autopr-state", "autopr/dev/terraform.tfstate", "https://autopr-state.s3.eu-west-1.amazonaws.com/autopr/dev/terraform.tfstate")]
    [InlineData("https://s3.eu-west-1.amazonaws.com/", "autopr.state", "a b/terraform.tfstate", "https://s3.eu-west-1.amazonaws.com/autopr.state/a%20b/terraform.tfstate")]
    [InlineData("http://127.0.0.1:4566/", "autopr-state", "autopr/dev/terraform.tfstate", "http://127.0.0.1:4566/autopr-state/autopr/dev/terraform.tfstate")]
    public void Aws_endpoints_use_the_bucket_host_and_others_the_path(string endpoint, string bucket, string key, string expected)
    {
        Assert.Equal(new Uri(expected), S3Client.Address(new Uri(endpoint), new S3ObjectLocation(bucket, key)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private TerraformOutputReader Reader() => new(new AwsClientsOptions
    {
        Credentials = TestConnections.Credentials,
        GetVariable = name => name == "AWS_ENDPOINT_URL" ? moto.Endpoint.ToString() : null,
    });

    private void CopyEnvironment(string name, Action<JsonNode> change)
    {
        File.Copy(Path.Combine(RepositoryPaths.Environments, EnvironmentLoader.SchemaFileName), Path.Combine(_directory, EnvironmentLoader.SchemaFileName), overwrite: true);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Environments, name + ".json")))!;
        change(json);
        File.WriteAllText(Path.Combine(_directory, name + ".json"), json.ToJsonString());
    }

    private Task EnsureBucketAsync() => TerraformStates.UploadAsync(moto.Endpoint, Bucket, "autopr/placeholder", "{}");

    private Task PutObjectAsync(string key, string content) => TerraformStates.UploadAsync(moto.Endpoint, Bucket, key, content);
}
