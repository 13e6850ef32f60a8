using System.Text.Json.Nodes;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Publishing;

/// <summary>
/// Promote through the library's front door, over the wire against moto_server: the image the source environment
/// verified is copied into the target's repository by digest and comes back pinned; a dry run copies nothing; an
/// unverified source is refused with the fix.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class PromoteTests(MotoServerFixture moto) : IDisposable
{
    private const string ManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json";
    private readonly string _state = Directory.CreateTempSubdirectory("autopr-promote-").FullName;
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_image_the_source_verified_is_copied_by_digest_and_comes_back_pinned_and_tagged_with_its_commit()
    {
        var (source, target) = await EnvironmentsAsync();
        var digest = await SeedVerifiedImageAsync(source, gitSha: "0123456789abcdef0123456789abcdef01234567");
        using var deployments = await OpenAsync(target, dryRun: false);

        var outcome = await deployments.PromoteAsync(source, force: false, CancellationToken.None);

        Assert.True(outcome.Pushed);
        Assert.Equal($"promoted {digest} from {source.Name} to {target.Name}", outcome.Summary);
        Assert.Equal($"123456789012.dkr.ecr.eu-west-1.amazonaws.com/{target.Ecr.Repository}@{digest}", outcome.Record.Image.Pinned);
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", outcome.Record.Image.Tag);
        Assert.Same(outcome.Record, deployments.Pushed);
        using var clients = Clients();
        var copied = await clients.Ecr.BatchGetImageAsync(target.Ecr.Repository, [EcrImageId.ByTag("0123456789abcdef0123456789abcdef01234567")]);
        Assert.Equal(digest, Assert.Single(copied.Images).ImageId.Digest);
    }

    [Fact]
    public async Task A_dry_run_says_what_it_would_copy_and_creates_no_repository()
    {
        var (source, target) = await EnvironmentsAsync();
        var digest = await SeedVerifiedImageAsync(source, gitSha: "89abcdef0123456789abcdef0123456789abcdef");
        using var deployments = await OpenAsync(target, dryRun: true);

        var outcome = await deployments.PromoteAsync(source, force: false, CancellationToken.None);

        Assert.False(outcome.Pushed);
        Assert.StartsWith($"dry run: would copy {digest} from {source.Name} to ", outcome.Summary, StringComparison.Ordinal);
        Assert.Equal(digest, outcome.Record.Image.Digest);
        using var clients = Clients();
        Assert.Null(await clients.Ecr.FindRepositoryAsync(target.Ecr.Repository));
    }

    [Fact]
    public async Task A_source_without_a_verified_deployment_is_refused_with_the_fix()
    {
        var (source, target) = await EnvironmentsAsync();
        using var deployments = await OpenAsync(target, dryRun: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => deployments.PromoteAsync(source, force: false, CancellationToken.None));

        Assert.Equal($"{source.Name} has no verified deployment to promote; run ./build.sh Verify --environment {source.Name}, or pass --force.", error.Message);
        using var clients = Clients();
        Assert.Null(await clients.Ecr.FindRepositoryAsync(target.Ecr.Repository));
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);

    // Two environments of their own in moto's shared account (their own families and repositories); the source's cluster exists.
    private async Task<(DeploymentEnvironment Source, DeploymentEnvironment Target)> EnvironmentsAsync()
    {
        var staging = RepositoryEnvironments.Load("staging");
        var production = RepositoryEnvironments.Load("production");
        var source = staging with { Name = "staging" + _id, Ecr = staging.Ecr with { Repository = "autopr-staging-" + _id } };
        using var clients = Clients();
        await clients.Core.SendAsync(AutoPR.Deployment.Ecs.EcsOperations.CreateCluster, new JsonObject { ["clusterName"] = source.Cluster }, CancellationToken.None);
        return (source, production with { Name = "production" + _id, Ecr = production.Ecr with { Repository = "autopr-production-" + _id } });
    }

    // An image in the source repository, a revision that runs it, and a Verified record on that revision.
    private async Task<string> SeedVerifiedImageAsync(DeploymentEnvironment source, string gitSha)
    {
        using var clients = Clients();
        await clients.Ecr.EnsureRepositoryAsync(source.Ecr.Repository, new EcrRepositorySettings { ImageTagMutability = "MUTABLE" });
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = new JsonObject { ["mediaType"] = "application/vnd.docker.container.image.v1+json", ["size"] = 7, ["digest"] = "sha256:" + new string('e', 64) },
            ["layers"] = new JsonArray(),
        }.ToJsonString();
        var put = await clients.Ecr.PutImageAsync(source.Ecr.Repository, manifest, ManifestMediaType, gitSha);
        var digest = put.ImageId.Digest!;
        var registered = await clients.Ecs.RegisterTaskDefinitionAsync(new JsonObject
        {
            ["family"] = $"{source.Service}-{source.Name}",
            ["containerDefinitions"] = new JsonArray(new JsonObject
            {
                ["name"] = "autopr",
                ["image"] = $"123456789012.dkr.ecr.eu-west-1.amazonaws.com/{source.Ecr.Repository}@{digest}",
                ["memory"] = 512,
            }),
        });
        await new DeploymentHistory(clients.Ecs).RecordAsync(new DeploymentRecord
        {
            Kind = DeploymentKind.Deploy,
            Environment = source.Name,
            TaskDefinitionArn = registered.Arn!,
            ImageDigest = digest,
            GitSha = gitSha,
            Actor = "seed",
            StartedAt = DateTimeOffset.UtcNow.AddMinutes(-10),
            FinishedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            Outcome = DeploymentOutcome.Verified,
        });
        return digest;
    }

    private Task<Deployments> OpenAsync(DeploymentEnvironment environment, bool dryRun) =>
        Deployments.OpenAsync(environment, new DeploymentsOptions
        {
            StateDirectory = _state,
            TemplatesDirectory = Path.Combine(RepositoryPaths.Root, "deploy"),
            DryRun = dryRun,
            Aws = new AwsClientsOptions
            {
                Credentials = TestConnections.Credentials,
                GetVariable = name => name == "AWS_ENDPOINT_URL" ? moto.Endpoint.ToString() : null,
            },
        }, CancellationToken.None);

    private AwsClients Clients() => AwsClients.Create(TestConnections.Loopback(moto.Endpoint, region: "eu-west-1"));
}
