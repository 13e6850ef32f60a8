using AutoPR.LocalEcs.Tests.Support;

namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>boto3, a second independent client, drives every operation (Support/boto3_drive.py checks each parsed answer).</summary>
[Collection(IntegrationCollection.Name)]
public sealed class Boto3Tests
{
    [Fact]
    public async Task Boto3_drives_ECS_ECR_and_CloudWatch_and_parses_every_response()
    {
        await using var stack = await LocalEcsStack.StartAsync();
        var repository = "localecs-test/boto3-" + Guid.NewGuid().ToString("N")[..8];
        var manifestFile = Path.Combine(stack.Options.StateDirectory, "manifest.json");
        await File.WriteAllTextAsync(manifestFile, await RegistrySeed.UploadBlobsAndGetManifestAsync(DockerPrerequisites.Registry, repository, "boto3"));

        var seen = await Boto3Script.RunCheckedAsync("boto3_drive.py", stack.Server.Endpoint.ToString().TrimEnd('/'), stack.Image, repository, manifestFile);
        Assert.Equal("ok", seen["operations"]!.GetValue<string>());
        Assert.StartsWith("127.0.", seen["taskAddress"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
