using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace AutoPR.LocalEcs.Tasks;

/// <summary>Runs task containers in a Docker engine with host networking, labelled with this instance's id.</summary>
public sealed partial class DockerTaskRuntime : ITaskRuntime, IDisposable
{
    private readonly DockerClient _docker;
    private readonly string _instanceId;
    private readonly ILogger _logger;

    public DockerTaskRuntime(DockerClient docker, string instanceId, ILogger<DockerTaskRuntime> logger)
    {
        _docker = docker;
        _instanceId = instanceId;
        _logger = logger;
    }

    public async Task<IReadOnlyList<ObservedContainer>> ObserveAsync(CancellationToken cancellationToken)
    {
        var containers = await ListOwnedAsync(cancellationToken);
        return [.. containers
            .Where(c => c.Labels.ContainsKey(ContainerLabels.Task))
            .Select(c => new ObservedContainer(
                c.ID,
                c.Labels[ContainerLabels.Task],
                (c.Labels.TryGetValue(ContainerLabels.Container, out var name) ? name : string.Empty),
                c.State,
                c.Health?.Status is { Length: > 0 } health && health != "none" ? health : HealthFromStatus(c.Status)))];
    }

    public async Task<LaunchedTask> LaunchAsync(TaskLaunchSpec spec, CancellationToken cancellationToken)
    {
        var created = new List<LaunchedContainer>();
        try
        {
            // A launch interrupted by a restart may have left containers of this task behind.
            foreach (var leftover in (await ListOwnedAsync(cancellationToken)).Where(c => c.Labels.TryGetValue(ContainerLabels.Task, out var id) && id == spec.TaskId))
            {
                await RemoveAsync(leftover.ID, cancellationToken);
            }

            foreach (var container in spec.Containers)
            {
                var (digest, imageId) = await EnsureImageAsync(container.Image, cancellationToken);
                var response = await CreateAsync(CreateParameters(spec, container), cancellationToken);
                created.Add(new LaunchedContainer(container.Name, response.ID, digest, imageId));
            }

            foreach (var container in created)
            {
                await _docker.Containers.StartContainerAsync(container.ContainerId, new ContainerStartParameters(), cancellationToken);
            }

            return new LaunchedTask(created);
        }
        catch (Exception error) when (error is DockerApiException or TaskLaunchException or HttpRequestException)
        {
            foreach (var container in created)
            {
                await RemoveAsync(container.ContainerId, CancellationToken.None);
            }

            if (error is TaskLaunchException)
            {
                throw;
            }

            throw new TaskLaunchException(LaunchFailureReasons.CannotStart(FirstLine(error.Message)), error);
        }
    }

    public async Task<ContainerExit?> InspectExitAsync(string containerId, CancellationToken cancellationToken)
    {
        ContainerInspectResponse inspect;
        try
        {
            inspect = await _docker.Containers.InspectContainerAsync(containerId, cancellationToken);
        }
        catch (DockerApiException error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var state = inspect.State ?? throw new TaskLaunchException($"Docker returned no state for container {containerId}.");
        return new ContainerExit((int)state.ExitCode, string.IsNullOrEmpty(state.Error) ? null : state.Error, state.OOMKilled);
    }

    public async Task StopAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _docker.Containers.StopContainerAsync(containerId, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Ceiling(timeout.TotalSeconds) }, cancellationToken);
        }
        catch (DockerApiException error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            _logger.LogDebug("Container {ContainerId} was already gone when stopping it", containerId);
        }
    }

    public async Task RemoveAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await _docker.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken);
        }
        catch (DockerApiException error) when (error.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            _logger.LogDebug("Container {ContainerId} was already gone or being removed", containerId);
        }
    }

    public async Task<int> RemoveAllAsync(CancellationToken cancellationToken)
    {
        var containers = await ListOwnedAsync(cancellationToken);
        foreach (var container in containers)
        {
            await RemoveAsync(container.ID, cancellationToken);
        }

        return containers.Count;
    }

    public void Dispose() => _docker.Dispose();

    private async Task<CreateContainerResponse> CreateAsync(CreateContainerParameters parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await _docker.Containers.CreateContainerAsync(parameters, cancellationToken);
        }
        catch (DockerApiException error)
        {
            throw new TaskLaunchException(LaunchFailureReasons.CannotCreate(FirstLine(error.Message)), error);
        }
    }

    private async Task<IList<ContainerListResponse>> ListOwnedAsync(CancellationToken cancellationToken) =>
        await _docker.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Instance}={_instanceId}"] = true },
                },
            },
            cancellationToken);

    /// <summary>Uses the local image or pulls it; returns its registry digest when known and Docker's image id.</summary>
    private async Task<(string? Digest, string ImageId)> EnsureImageAsync(string image, CancellationToken cancellationToken)
    {
        var reference = ImageReference.Parse(image);
        try
        {
            var local = await _docker.Images.InspectImageAsync(image, cancellationToken);
            return (DigestOf(local, reference), local.ID);
        }
        catch (DockerApiException error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            _logger.LogInformation("Pulling {Image}", image);
        }

        string? pullError = null;
        try
        {
            await _docker.Images.CreateImageAsync(
                new ImagesCreateParameters { FromImage = reference.Repository, Tag = reference.PullTag },
                new AuthConfig(),
                new Progress<JSONMessage>(message => pullError ??= message.Error?.Message),
                cancellationToken);
        }
        catch (DockerApiException error)
        {
            pullError ??= MessageOf(error);
        }

        try
        {
            var inspected = await _docker.Images.InspectImageAsync(image, cancellationToken);
            return (DigestOf(inspected, reference), inspected.ID);
        }
        catch (DockerApiException error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            throw new TaskLaunchException(LaunchFailureReasons.CannotPull(image, pullError ?? "not found"));
        }
    }

    private static string? DigestOf(ImageInspectResponse image, ImageReference reference) =>
        reference.Digest
        ?? image.RepoDigests?.FirstOrDefault(d => d.StartsWith(reference.Repository + "@", StringComparison.Ordinal))?.Split('@')[1]
        ?? image.RepoDigests?.FirstOrDefault()?.Split('@')[1];

    private CreateContainerParameters CreateParameters(TaskLaunchSpec task, ContainerLaunchSpec container)
    {
        var labels = new Dictionary<string, string>(task.Labels, StringComparer.Ordinal)
        {
            [ContainerLabels.Instance] = _instanceId,
            [ContainerLabels.Task] = task.TaskId,
            [ContainerLabels.Container] = container.Name,
            [ContainerLabels.Address] = task.Address,
        };
        var parameters = new CreateContainerParameters
        {
            Name = $"localecs-{task.TaskId[..12]}-{UnsafeNameCharacters().Replace(container.Name, "-")}",
            Image = container.Image,
            Env = [.. container.Environment.Select(e => $"{e.Key}={e.Value}")],
            Labels = labels,
            StopTimeout = container.StopTimeout,
            HostConfig = new HostConfig
            {
                NetworkMode = "host",
                Memory = container.MemoryBytes ?? 0,
                NanoCPUs = container.NanoCpus ?? 0,
            },
        };
        if (container.User is not null)
        {
            parameters.User = container.User;
        }

        if (container.WorkingDirectory is not null)
        {
            parameters.WorkingDir = container.WorkingDirectory;
        }

        if (container.EntryPoint is { Count: > 0 } entryPoint)
        {
            parameters.Entrypoint = [.. entryPoint];
        }

        if (container.Command is { Count: > 0 } command)
        {
            parameters.Cmd = [.. command];
        }

        if (container.HealthCheck is { } check)
        {
            parameters.Healthcheck = new HealthcheckConfig
            {
                Test = [.. check.Test],
                Interval = check.Interval,
                Timeout = check.Timeout,
                Retries = check.Retries,
                StartPeriod = check.StartPeriod,
            };
        }

        return parameters;
    }

    /// <summary>Docker 20.10 lists health only inside the status text, e.g. "Up 5 seconds (healthy)".</summary>
    private static string? HealthFromStatus(string? status) => status switch
    {
        null => null,
        _ when status.Contains("(healthy)", StringComparison.Ordinal) => "healthy",
        _ when status.Contains("(unhealthy)", StringComparison.Ordinal) => "unhealthy",
        _ when status.Contains("(health: starting)", StringComparison.Ordinal) => "starting",
        _ => null,
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>The engine's own message ({"message": ...} in the response body), not the client's wrapper around it.</summary>
    private static string MessageOf(DockerApiException error)
    {
        try
        {
            return JsonDocument.Parse(error.ResponseBody ?? string.Empty).RootElement.GetProperty("message").GetString() is { Length: > 0 } message
                ? FirstLine(message)
                : FirstLine(error.Message);
        }
        catch (Exception parse) when (parse is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return FirstLine(error.Message);
        }
    }

    [GeneratedRegex("[^a-zA-Z0-9_.-]")]
    private static partial Regex UnsafeNameCharacters();
}
