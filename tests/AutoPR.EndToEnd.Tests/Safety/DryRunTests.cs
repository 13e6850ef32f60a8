using System.Text.Json.Nodes;
using AutoPR.Deployment;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Infrastructure;
using AutoPR.Deployment.Metrics;
using AutoPR.Deployment.Tests.Fixtures;
using AutoPR.EndToEnd.Tests.Stack;
using AutoPR.EndToEnd.Tests.Support;
using AutoPR.Images.Build;
using AutoPR.Images.Engine;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Safety;

/// <summary>
/// `DeployEcs --environment staging --dry-run` changes nothing anywhere: every AWS call goes through a recording
/// proxy to moto_server (an independent AWS emulator on loopback), and every one it sees must be a read. No
/// repository is created, nothing is pushed or tagged (in the registry or the engine), no push record is written,
/// and moto holds afterwards exactly what it held before. The plan still renders: with the image by tag when the
/// registry does not have it yet, and pinned by the digest the registry's tag holds when it does.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class DryRunTests(LocalStackFixture stack, MotoServerFixture moto, ITestOutputHelper output) : IClassFixture<MotoServerFixture>
{
    private static readonly Dictionary<string, AwsOperation> KnownOperations =
        new[] { EcsOperations.CreateCluster }.Concat(AwsClients.AllOperations).ToDictionary(o => o.Target, StringComparer.Ordinal);

    [Fact]
    public async Task A_dry_run_to_an_account_without_the_image_plans_it_by_tag_and_sends_only_reads()
    {
        var staging = await StagingAsync();
        var image = await ImageBuildRecord.ReadAsync(RepositoryRoot.Combine("artifacts", "docker", "image.json"));
        using var seed = await ClientsAsync(staging);
        await seed.Core.SendAsync(EcsOperations.CreateCluster, new JsonObject { ["clusterName"] = staging.Cluster }, CancellationToken.None);
        await SeedAlarmsAsync(seed, staging);
        await DeleteRepositoryAsync(seed, staging);

        var (run, recorder) = await DryRunAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"dry run: would push {image.Reference} as {staging.Ecr.RegistryHost(staging.Aws)}/{staging.Ecr.Repository}:{image.Tag}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"image {staging.Ecr.RegistryHost(staging.Aws)}/{staging.Ecr.Repository}:{image.Tag}", run.Output, StringComparison.Ordinal);
        Assert.Contains("staging: dry run, nothing changed", run.Output, StringComparison.Ordinal);
        AssertOnlyReads(recorder);
        Assert.False(await RepositoryExistsAsync(seed, staging), "the dry run created the ECR repository");
        await AssertNothingElseChangedAsync(seed, staging, image);
    }

    [Fact]
    public async Task A_dry_run_pins_the_digest_the_registry_tag_already_holds_and_sends_only_reads()
    {
        var staging = await StagingAsync();
        var image = await ImageBuildRecord.ReadAsync(RepositoryRoot.Combine("artifacts", "docker", "image.json"));
        using var seed = await ClientsAsync(staging);
        await seed.Core.SendAsync(EcsOperations.CreateCluster, new JsonObject { ["clusterName"] = staging.Cluster }, CancellationToken.None);
        await SeedAlarmsAsync(seed, staging);
        await DeleteRepositoryAsync(seed, staging);
        await seed.Ecr.EnsureRepositoryAsync(staging.Ecr.Repository, new EcrRepositorySettings());
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.docker.distribution.manifest.v2+json",
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.docker.container.image.v1+json", ["size"] = 2, ["digest"] = image.ImageId },
            ["layers"] = new JsonArray(),
        }.ToJsonString();
        var put = await seed.Ecr.PutImageAsync(staging.Ecr.Repository, manifest, "application/vnd.docker.distribution.manifest.v2+json", image.Tag);
        var digest = put.ImageId.Digest!;

        var (run, recorder) = await DryRunAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"which resolves to {digest}; nothing was pushed", run.Output, StringComparison.Ordinal);
        Assert.Contains($"image {staging.Ecr.RegistryHost(staging.Aws)}/{staging.Ecr.Repository}@{digest}", run.Output, StringComparison.Ordinal);
        AssertOnlyReads(recorder);
        Assert.Contains(recorder.Requests, r => r.Target == EcrOperations.DescribeImages.Target);
        var images = new List<EcrImageId>();
        await foreach (var id in seed.Ecr.ListImagesAsync(staging.Ecr.Repository))
        {
            images.Add(id);
        }

        Assert.Equal([digest], images.Select(i => i.Digest));
        await AssertNothingElseChangedAsync(seed, staging, image);
    }

    private const string StateBucket = "autopr-terraform-state-123456789012";
    private const string StateKey = "autopr/staging/terraform.tfstate";

    /// <summary>
    /// Staging as the dry run will see it: its state object, written by the real terraform (a root of the example
    /// outputs), put where staging.json says it is, in moto's S3; then loaded through it.
    /// </summary>
    private async Task<DeploymentEnvironment> StagingAsync()
    {
        var root = await TerraformStates.ApplyExampleAsync("staging");
        await TerraformStates.UploadAsync(moto.Endpoint, StateBucket, StateKey, await File.ReadAllTextAsync(TerraformStates.StateFile(root)));
        return await EnvironmentLoader.LoadAsync(RepositoryRoot.Combine("deploy", "environments"), "staging", new TerraformOutputReader(new AwsClientsOptions
        {
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIAE2ETESTS00000000", "e2e-dummy-secret-not-a-credential"),
            GetVariable = name => name == "AWS_ENDPOINT_URL" ? moto.Endpoint.ToString() : null,
        }), CancellationToken.None);
    }

    private async Task<(BuildRun Run, RecordingServer Recorder)> DryRunAsync()
    {
        var recorder = new RecordingServer(moto.Endpoint);
        var nowhere = Path.Combine(Path.GetTempPath(), $"autopr-e2e-no-aws-config-{Guid.NewGuid():N}");
        var run = await stack.RunAsync(output, new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIAE2ETESTS00000000",
            ["AWS_SECRET_ACCESS_KEY"] = "e2e-dummy-secret-not-a-credential",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_ENDPOINT_URL"] = recorder.Url.ToString(),
            ["AWS_CONFIG_FILE"] = Path.Combine(nowhere, "config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(nowhere, "credentials"),
        }, "DeployEcs", "--environment", "staging", "--dry-run");
        foreach (var request in recorder.Requests)
        {
            output.WriteLine("recorded: " + request);
        }

        return (run, recorder);
    }

    /// <summary>The deployment alarms staging names (Terraform's on AWS): a deployment, dry or not, first checks they exist.</summary>
    private static async Task SeedAlarmsAsync(AwsClients seed, DeploymentEnvironment staging)
    {
        foreach (var name in staging.Deployment.Alarms!.AlarmNames)
        {
            await seed.CloudWatch.PutMetricAlarmAsync(LocalAlarmRequest.For(
                new LocalAlarmSettings { Name = name, MetricName = "HTTPCode_Target_5XX_Count", Statistic = "Sum", PeriodSeconds = 60, EvaluationPeriods = 1, Threshold = 1, ComparisonOperator = "GreaterThanThreshold" },
                targetGroup: null));
        }
    }

    private static void AssertOnlyReads(RecordingServer recorder)
    {
        Assert.Contains(recorder.Requests, r => r.Target == EcsOperations.DescribeServices.Target);
        Assert.Contains(recorder.Requests, r => r.Target == AutoPR.Deployment.Metrics.CloudWatchOperations.DescribeAlarms.Target);
        // The environment's Terraform outputs come from its state object: one S3 GetObject, a read.
        var stateReads = recorder.Requests.Where(r => r.Target is null && r.Method == "GET" && r.Path == $"/{StateBucket}/{StateKey}").ToList();
        Assert.Single(stateReads);
        Assert.All(recorder.Requests.Except(stateReads), request =>
        {
            Assert.True(request.Target is not null && KnownOperations.TryGetValue(request.Target, out var operation) && operation.Access == AwsAccess.Read,
                $"the dry run sent {request}, which is not a known read operation");
        });
        recorder.Dispose();
    }

    // No revision registered, no service made, no push record written, no registry tag in the engine.
    private async Task AssertNothingElseChangedAsync(AwsClients seed, DeploymentEnvironment staging, ImageBuildRecord image)
    {
        var revisions = new List<string>();
        await foreach (var arn in seed.Ecs.ListTaskDefinitionsAsync(familyPrefix: "autopr-staging"))
        {
            revisions.Add(arn);
        }

        Assert.Empty(revisions);
        Assert.Null(await seed.Ecs.DescribeServiceAsync(staging.Cluster, staging.Service));
        Assert.False(File.Exists(Path.Combine(stack.Root, "artifacts", "docker", "push-staging.json")), "the dry run wrote a push record");
        Assert.False(File.Exists(RepositoryRoot.Combine("artifacts", "docker", "push-staging.json")), "the dry run wrote a push record");
        var docker = await new DockerEnvironment().EnsureAsync();
        using var client = docker.CreateClient();
        var inspected = await client.Images.InspectImageAsync(image.Reference);
        Assert.DoesNotContain(inspected.RepoTags ?? [], tag => tag.StartsWith(staging.Ecr.RegistryHost(staging.Aws), StringComparison.Ordinal));
    }

    private async Task<AwsClients> ClientsAsync(DeploymentEnvironment staging) =>
        await AwsClients.CreateAsync(staging, new AwsClientsOptions
        {
            Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIAE2ETESTS00000000", "e2e-dummy-secret-not-a-credential"),
            GetVariable = name => name == "AWS_ENDPOINT_URL" ? moto.Endpoint.ToString() : null,
        });

    private static async Task<bool> RepositoryExistsAsync(AwsClients seed, DeploymentEnvironment staging)
    {
        try
        {
            await seed.Core.SendAsync(EcrOperations.DescribeRepositories, new JsonObject { ["repositoryNames"] = new JsonArray(staging.Ecr.Repository) }, CancellationToken.None);
            return true;
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "RepositoryNotFoundException")
        {
            return false;
        }
    }

    private static async Task DeleteRepositoryAsync(AwsClients seed, DeploymentEnvironment staging)
    {
        if (await RepositoryExistsAsync(seed, staging))
        {
            await seed.Core.SendAsync(new AwsOperation(AwsService.Ecr, "DeleteRepository", AwsAccess.Write),
                new JsonObject { ["repositoryName"] = staging.Ecr.Repository, ["force"] = true }, CancellationToken.None);
        }
    }
}
