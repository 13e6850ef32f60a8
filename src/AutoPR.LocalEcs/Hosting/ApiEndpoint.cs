namespace AutoPR.LocalEcs.Hosting;

/// <summary>
/// Where LocalEcs's own Kestrel answers (http://address:port/): the AWS API, the admin endpoints and the task
/// metadata endpoint that every container's ECS_CONTAINER_METADATA_URI_V4 names. With --port 0 the port exists only
/// once Kestrel listens, so the server sets it then, and the reconciler waits for it before it launches anything.
/// </summary>
public sealed class ApiEndpoint
{
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The base URI, with a trailing slash; throws before the API listens.</summary>
    public Uri Uri => _listening.Task.IsCompletedSuccessfully
        ? _listening.Task.Result
        : throw new InvalidOperationException("The LocalEcs API does not listen yet, so its address (and the task metadata URI) is not known.");

    /// <summary>Called once Kestrel listens, with the address it bound.</summary>
    public void SetListening(Uri uri) =>
        _listening.TrySetResult(uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/"));

    public Task<Uri> WhenListeningAsync(CancellationToken cancellationToken) => _listening.Task.WaitAsync(cancellationToken);
}
