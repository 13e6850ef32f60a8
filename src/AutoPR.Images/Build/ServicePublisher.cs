using CliWrap;
using Microsoft.Extensions.Logging;

namespace AutoPR.Images.Build;

/// <summary>Runs `dotnet publish` of the service (self-contained) into a clean folder.</summary>
internal sealed class ServicePublisher(ILogger logger)
{
    public async Task PublishAsync(
        string repositoryRoot, ImageBuildRequest request, IProgress<ImageBuildProgress>? progress, CancellationToken cancellationToken)
    {
        var output = Path.Combine(repositoryRoot, request.PublishDirectory);
        // A clean folder: files left by an earlier publish must not reach the image.
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath) ? hostPath : "dotnet";
        string[] arguments =
        [
            "publish", Path.Combine(repositoryRoot, request.ServiceProject),
            "--configuration", request.Configuration,
            "--runtime", request.RuntimeIdentifier,
            "--self-contained", "true",
            "--output", output,
            "--nologo",
            // No lingering MSBuild nodes holding this process's output pipes.
            "-nodeReuse:false",
        ];
        progress?.Report(new ImageBuildProgress(ImageBuildStage.Publish, $"dotnet {string.Join(' ', arguments)}"));
        var tail = new Queue<string>();
        void OnLine(string line)
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 30)
                {
                    tail.Dequeue();
                }
            }

            logger.LogDebug("publish: {Line}", line);
            progress?.Report(new ImageBuildProgress(ImageBuildStage.Publish, line));
        }

        var result = await Cli.Wrap(dotnet)
            .WithArguments(arguments)
            .WithWorkingDirectory(repositoryRoot)
            .WithEnvironmentVariables(new Dictionary<string, string?>
            {
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["MSBUILDDISABLENODEREUSE"] = "1",
            })
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(OnLine))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(OnLine))
            .ExecuteAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            string[] errors;
            lock (tail)
            {
                errors = tail.Where(line => line.Contains("error", StringComparison.OrdinalIgnoreCase)).DefaultIfEmpty(tail.LastOrDefault() ?? "").ToArray();
            }

            throw new DockerOperationException(
                $"dotnet publish of {request.ServiceProject} failed with exit code {result.ExitCode}: {string.Join(" | ", errors.Distinct(StringComparer.Ordinal).Take(5))}");
        }
    }
}
