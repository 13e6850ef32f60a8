namespace AutoPR.LocalEcs.Deployments;

/// <summary>ECS's deployment circuit breaker threshold: half the desired count, at least 3 and at most 200.</summary>
public static class CircuitBreaker
{
    public static int Threshold(int desiredCount) => Math.Clamp((int)Math.Ceiling(desiredCount * 0.5), 3, 200);

    public const string FailedReason = "ECS deployment circuit breaker: tasks failed to start.";

    public static string RollingBackReason(string deploymentId) => $"ECS deployment circuit breaker: rolling back to deploymentId {deploymentId}.";
}
