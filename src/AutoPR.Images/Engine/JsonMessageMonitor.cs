using Docker.DotNet.Models;

namespace AutoPR.Images.Engine;

/// <summary>
/// Watches an engine JSON message stream (build, import, push): build and push errors arrive as
/// messages in a 200 response, not as HTTP errors, so every message is checked. Forwards each
/// message to an observer.
/// </summary>
internal sealed class JsonMessageMonitor(Action<JSONMessage>? observer = null) : IProgress<JSONMessage>
{
    private readonly Lock _gate = new();
    private string? _firstError;

    public string? FirstError
    {
        get
        {
            lock (_gate)
            {
                return _firstError;
            }
        }
    }

    public void Report(JSONMessage value)
    {
        var error = value.Error?.Message;
        if (!string.IsNullOrWhiteSpace(error))
        {
            lock (_gate)
            {
                _firstError ??= error.Trim();
            }
        }

        observer?.Invoke(value);
    }

    /// <summary>Throws the daemon's first error message, prefixed by what was being done.</summary>
    public void ThrowIfFailed(string operation)
    {
        if (FirstError is { } error)
        {
            throw new DockerOperationException($"{operation} failed: {error}");
        }
    }
}
