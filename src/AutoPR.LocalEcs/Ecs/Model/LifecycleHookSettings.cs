using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>One entry of deploymentConfiguration.lifecycleHooks, as sent (LocalEcs runs PAUSE hooks only).</summary>
public sealed record LifecycleHookSettings
{
    /// <summary>AWS_LAMBDA or PAUSE.</summary>
    public required string TargetType { get; init; }

    public string? HookTargetArn { get; init; }

    public string? RoleArn { get; init; }

    public IReadOnlyList<string> LifecycleStages { get; init; } = [];

    public JsonNode? HookDetails { get; init; }

    /// <summary>timeoutConfiguration.timeoutInMinutes as sent; null when the request left it out.</summary>
    public int? TimeoutInMinutes { get; init; }

    /// <summary>timeoutConfiguration.action as sent (CONTINUE or ROLLBACK); null when the request left it out.</summary>
    public string? TimeoutAction { get; init; }

    /// <summary>
    /// ECS's documented defaults for a hook without timeoutConfiguration (DeploymentLifecycleHookTimeoutConfiguration in
    /// the ECS API reference): 1440 minutes, then ROLLBACK.
    /// </summary>
    public const int DefaultTimeoutInMinutes = 1440;

    public const string DefaultTimeoutAction = "ROLLBACK";
}
