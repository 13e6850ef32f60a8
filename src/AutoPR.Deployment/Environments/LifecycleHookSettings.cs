using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AutoPR.Deployment.Environments;

/// <summary>What a lifecycle hook does.</summary>
public enum LifecycleHookType
{
    /// <summary>A manual gate: the deployment waits for ContinueServiceDeployment (./build.sh Continue).</summary>
    [JsonStringEnumMemberName("PAUSE")]
    Pause,

    /// <summary>ECS invokes a Lambda function, whose answer continues or rolls back the deployment.</summary>
    [JsonStringEnumMemberName("AWS_LAMBDA")]
    Lambda,
}

/// <summary>What ECS does when a hook's time runs out.</summary>
public enum LifecycleHookAction
{
    /// <summary>Roll the deployment back.</summary>
    [JsonStringEnumMemberName("ROLLBACK")]
    Rollback,

    /// <summary>Go on to the next stage.</summary>
    [JsonStringEnumMemberName("CONTINUE")]
    Continue,
}

/// <summary>One ECS deployment lifecycle hook (deploymentConfiguration.lifecycleHooks[]).</summary>
public sealed record LifecycleHookSettings
{
    /// <summary>PAUSE (a manual gate) or AWS_LAMBDA.</summary>
    public required LifecycleHookType Type { get; init; }

    /// <summary>The lifecycle stages it runs at (PRE_SCALE_UP, POST_TEST_TRAFFIC_SHIFT, PRODUCTION_TRAFFIC_SHIFT, ...).</summary>
    public IReadOnlyList<string> Stages { get; init; } = [];

    /// <summary>AWS_LAMBDA: the function's ARN.</summary>
    public string? FunctionArn { get; init; }

    /// <summary>AWS_LAMBDA: the role ECS assumes to invoke it.</summary>
    public string? RoleArn { get; init; }

    /// <summary>AWS_LAMBDA: a JSON object passed to the function as hookDetails.</summary>
    public JsonObject? Details { get; init; }

    /// <summary>Minutes ECS waits for the hook before <see cref="TimeoutAction"/>, 1 to 20160.</summary>
    public int TimeoutMinutes { get; init; } = 60;

    /// <summary>What ECS does when the time runs out.</summary>
    public LifecycleHookAction TimeoutAction { get; init; } = LifecycleHookAction.Rollback;

    /// <summary>The ECS name of the type.</summary>
    [JsonIgnore]
    public string TypeName => Type == LifecycleHookType.Pause ? "PAUSE" : "AWS_LAMBDA";

    /// <summary>The ECS name of the timeout action.</summary>
    [JsonIgnore]
    public string TimeoutActionName => TimeoutAction == LifecycleHookAction.Continue ? "CONTINUE" : "ROLLBACK";
}
