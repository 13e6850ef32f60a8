namespace AutoPR.LocalEcs.Tasks;

/// <summary>ECS's stoppedReason texts for a task that failed to start (stop code TaskFailedToStart).</summary>
public static class LaunchFailureReasons
{
    /// <summary>A secret whose parameter does not exist; names the parameter, never a value.</summary>
    public static string SecretNotFound(string parameterName) =>
        $"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: invalid parameters: {parameterName}: parameter {parameterName} not found";

    public static string CannotPull(string image, string error) =>
        $"CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref {image}: {error}";

    public static string CannotCreate(string error) => $"CannotCreateContainerError: {error}";

    public static string CannotStart(string error) => $"CannotStartContainerError: {error}";
}
