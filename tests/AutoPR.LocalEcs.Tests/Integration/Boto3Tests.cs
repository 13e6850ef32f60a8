using System.Diagnostics;
using System.Text.Json.Nodes;
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

        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Support", "boto3_drive.py"), stack.Server.Endpoint.ToString().TrimEnd('/'), stack.Image, repository, manifestFile })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 is not installed (boto3 tests need python3 with boto3).");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"boto3_drive.py failed ({process.ExitCode}): {await error}");
        var seen = JsonNode.Parse((await output).Trim().Split('\n')[^1])!;
        Assert.Equal("ok", seen["operations"]!.GetValue<string>());
        Assert.StartsWith("127.0.", seen["taskAddress"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
