using AutoPR.Deployment;
using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Ecr;
using AutoPR.Deployment.Tests.Fixtures;

namespace AutoPR.Deployment.Tests.Ecr;

/// <summary>Test group 2: every ECR operation of the client, over the wire against moto_server.</summary>
[Collection(MotoCollection.Name)]
public sealed class EcrMotoWireTests(MotoServerFixture moto)
{
    private const string ManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json";

    [Fact]
    public async Task Repositories_are_created_found_and_ensured()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var ecr = clients.Ecr;
        var name = "autopr-" + Guid.NewGuid().ToString("N")[..8];

        Assert.Null(await ecr.FindRepositoryAsync(name));
        var created = await ecr.CreateRepositoryAsync(name, new EcrRepositorySettings(), new Dictionary<string, string> { ["project"] = "autopr" });
        Assert.Equal(name, created.Name);
        Assert.Equal("IMMUTABLE", created.ImageTagMutability);
        Assert.True(created.ScanOnPush);
        Assert.Equal("AES256", created.EncryptionType);
        Assert.EndsWith("/" + name, created.Uri, StringComparison.Ordinal);

        var ensured = await ecr.EnsureRepositoryAsync(name, new EcrRepositorySettings { ImageTagMutability = "MUTABLE" });
        Assert.Equal(created.Arn, ensured.Arn);
        Assert.Equal("IMMUTABLE", ensured.ImageTagMutability);

        var all = new List<string?>();
        await foreach (var repository in ecr.DescribeRepositoriesAsync())
        {
            all.Add(repository.Name);
        }

        Assert.Contains(name, all);

        var duplicate = await Assert.ThrowsAsync<AwsServiceException>(() => ecr.CreateRepositoryAsync(name, new EcrRepositorySettings()));
        Assert.Equal("RepositoryAlreadyExistsException", duplicate.ErrorCode);
        Assert.False(duplicate.IsRetryable);
    }

    [Fact]
    public async Task Images_are_put_listed_described_and_fetched_by_tag_and_digest()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));
        var ecr = clients.Ecr;
        var name = "autopr-" + Guid.NewGuid().ToString("N")[..8];
        await ecr.CreateRepositoryAsync(name, new EcrRepositorySettings());
        var manifest = SampleDocuments.ImageManifest.Trim();

        var pushed = await ecr.PutImageAsync(name, manifest, ManifestMediaType, "abc1234");
        Assert.StartsWith("sha256:", pushed.ImageId.Digest, StringComparison.Ordinal);

        // Promotion: the same manifest under a second tag (build once, deploy many).
        var promoted = await ecr.PutImageAsync(name, manifest, ManifestMediaType, "production");
        Assert.Equal(pushed.ImageId.Digest, promoted.ImageId.Digest);

        var retag = await Assert.ThrowsAsync<AwsServiceException>(() => ecr.PutImageAsync(name, manifest.Replace("7023", "7024", StringComparison.Ordinal), ManifestMediaType, "abc1234"));
        // An immutable tag cannot move: ECR says ImageTagAlreadyExistsException, moto ImageAlreadyExistsException.
        Assert.Contains(retag.ErrorCode, new[] { "ImageTagAlreadyExistsException", "ImageAlreadyExistsException" });
        Assert.False(retag.IsRetryable);

        var ids = new List<EcrImageId>();
        await foreach (var id in ecr.ListImagesAsync(name))
        {
            ids.Add(id);
        }

        Assert.Equal(["abc1234", "production"], ids.Select(i => i.Tag).Order(StringComparer.Ordinal));
        Assert.All(ids, id => Assert.Equal(pushed.ImageId.Digest, id.Digest));

        var details = new List<EcrImageDetailView>();
        await foreach (var detail in ecr.DescribeImagesAsync(name, [EcrImageId.ByDigest(pushed.ImageId.Digest!)]))
        {
            details.Add(detail);
        }

        var single = Assert.Single(details);
        Assert.Equal(["abc1234", "production"], single.Tags.Order(StringComparer.Ordinal));
        Assert.NotNull(single.PushedAt);

        var fetched = await ecr.BatchGetImageAsync(name, [EcrImageId.ByTag("abc1234"), EcrImageId.ByTag("never-pushed")]);
        Assert.Equal(manifest, Assert.Single(fetched.Images).Manifest);
        Assert.Equal("ImageNotFound", Assert.Single(fetched.Failures).FailureCode);
    }

    [Fact]
    public async Task The_authorization_token_decodes_to_registry_credentials()
    {
        using var clients = AwsClients.Create(TestConnections.Loopback(moto.Endpoint));

        var authorization = await clients.Ecr.GetAuthorizationAsync();

        Assert.Equal("AWS", authorization.Username);
        Assert.False(string.IsNullOrEmpty(authorization.Password));
        Assert.Contains(".dkr.ecr.", authorization.RegistryHost, StringComparison.Ordinal);
        Assert.DoesNotContain(authorization.Password, authorization.ToString(), StringComparison.Ordinal);
    }
}
