using AutoPR.Images.Host;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoPR.Images.Engine;

/// <summary>
/// Makes sure a Docker engine and an OCI registry are reachable: uses what runs (the given host,
/// DOCKER_HOST, the default socket, this piece's private socket; the given registry address),
/// else starts the installed dockerd and docker-registry detached, else installs Debian's
/// docker.io and docker-registry where the machine allows it, else fails saying what to install.
/// Idempotent, and safe for concurrent callers in and across processes (a file lock).
/// </summary>
public sealed class DockerEnvironment
{
    private const string DefaultSocket = "unix:///var/run/docker.sock";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, string> EnginePackages = new(StringComparer.Ordinal)
    {
        ["dockerd"] = "docker.io",
        ["docker-registry"] = "docker-registry",
        ["debootstrap"] = "debootstrap",
    };

    private static readonly Dictionary<string, string> RegistryPackages = new(StringComparer.Ordinal)
    {
        ["docker-registry"] = "docker-registry",
    };

    private readonly DockerEnvironmentOptions _options;
    private readonly ILogger _logger;

    public DockerEnvironment(DockerEnvironmentOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? new DockerEnvironmentOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Returns reachable endpoints, starting or installing what is missing.</summary>
    public async Task<DockerEndpoints> EnsureAsync(CancellationToken cancellationToken = default)
    {
        // Fast path, no lock: everything already answers.
        var engine = await FindRunningEngineAsync(cancellationToken);
        var registryState = await ProbeRegistryAsync(cancellationToken);
        if (engine is not null && registryState is null or RegistryProbe.State.Serving)
        {
            return new DockerEndpoints(engine.Value.Host, engine.Value.Api, _options.RegistryAddress, []);
        }

        var actions = new List<string>();
        using (await FileLock.AcquireAsync(Path.Combine(_options.RunDirectory, "docker-environment.lock"), _options.LockTimeout, _logger, cancellationToken))
        {
            // Another caller may have started them while this one waited for the lock.
            engine ??= await FindRunningEngineAsync(cancellationToken);
            if (engine is null)
            {
                await DebianPackages.EnsureCommandsAsync(EnginePackages, _options.AllowInstall, DescribeNoEngine(), _logger, cancellationToken);
                var api = await new DockerDaemonLauncher(_options, _logger).StartAsync(cancellationToken);
                engine = (_options.PrivateDockerHost, api);
                actions.Add($"started dockerd at {_options.PrivateDockerHost}");
            }

            registryState = await ProbeRegistryAsync(cancellationToken);
            if (registryState == RegistryProbe.State.NotARegistry)
            {
                throw new DockerEnvironmentException(
                    $"Something answers at {_options.RegistryAddress} but it is not an OCI registry (GET /v2/ gave neither 200 nor 401): free that port or give another registry address.");
            }

            if (registryState == RegistryProbe.State.NotListening)
            {
                var address = _options.RegistryAddress!;
                await DebianPackages.EnsureCommandsAsync(RegistryPackages, _options.AllowInstall, $"No registry answers at {address}; starting one", _logger, cancellationToken);
                await new RegistryLauncher(_options, _logger).StartAsync(address, cancellationToken);
                actions.Add($"started docker-registry at {address}");
            }
        }

        return new DockerEndpoints(engine.Value.Host, engine.Value.Api, _options.RegistryAddress, actions);
    }

    /// <summary>The engines tried, in order: the given one, DOCKER_HOST, the default socket, the private socket.</summary>
    internal IReadOnlyList<Uri> EngineCandidates()
    {
        if (!_options.UseRunningEngines)
        {
            return [_options.PrivateDockerHost];
        }

        var candidates = new List<Uri>();
        if (_options.DockerHost is not null)
        {
            candidates.Add(_options.DockerHost);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            candidates.Add(Uri.TryCreate(fromEnvironment, UriKind.Absolute, out var uri)
                ? uri
                : throw new DockerEnvironmentException($"DOCKER_HOST='{fromEnvironment}' is not a URI: set it like unix:///run/autopr/docker.sock or unset it."));
        }

        candidates.Add(new Uri(DefaultSocket));
        candidates.Add(_options.PrivateDockerHost);
        return candidates.Distinct().ToList();
    }

    private async Task<(Uri Host, Version Api)?> FindRunningEngineAsync(CancellationToken cancellationToken)
    {
        foreach (var candidate in EngineCandidates())
        {
            if (await DockerClients.ProbeApiVersionAsync(candidate, ProbeTimeout, cancellationToken) is { } api)
            {
                _logger.LogDebug("Docker engine at {Host} answers (API {Api})", candidate, api);
                return (candidate, api);
            }

            _logger.LogDebug("No Docker engine answers at {Host}", candidate);
        }

        return null;
    }

    private async Task<RegistryProbe.State?> ProbeRegistryAsync(CancellationToken cancellationToken) =>
        _options.RegistryAddress is null
            ? null
            : await RegistryProbe.ProbeAsync(_options.RegistryAddress, ProbeTimeout, cancellationToken);

    private string DescribeNoEngine() =>
        $"No Docker engine answers at {string.Join(", ", EngineCandidates())}; starting one";
}
