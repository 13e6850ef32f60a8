using Docker.DotNet;

namespace AutoPR.Images.Engine;

/// <summary>
/// Creates Docker.DotNet clients. Docker.DotNet.Enhanced models Engine API 1.5x; the engine here
/// (dockerd 20.10) speaks 1.41, so clients are pinned to the version the daemon reports, which is
/// what the daemon assumes for unversioned requests anyway.
/// </summary>
public static class DockerClients
{
    /// <summary>A client for <paramref name="host"/> requesting API <paramref name="apiVersion"/> (null: unversioned).</summary>
    public static DockerClient Create(Uri host, Version? apiVersion)
    {
        var builder = new DockerClientBuilder()
            .WithEndpoint(host)
            // Builds and pushes stream for minutes; callers bound them with cancellation tokens.
            .WithTimeout(Timeout.InfiniteTimeSpan);
        if (apiVersion is not null)
        {
            builder = builder.WithApiVersion(apiVersion);
        }

        return builder.Build();
    }

    /// <summary>Asks the engine at <paramref name="host"/> for its API version; null when nothing answers.</summary>
    public static async Task<Version?> ProbeApiVersionAsync(Uri host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (host.Scheme == "unix" && !File.Exists(host.LocalPath))
        {
            return null;
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var client = Create(host, apiVersion: null);
            var version = await client.System.GetVersionAsync(timeoutSource.Token);
            return Version.TryParse(version.APIVersion, out var api) ? api : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
