using System.Text.Json.Nodes;

namespace AutoPR.LocalEcs.Ecs.Model;

public sealed class ServiceRecord
{
    public required string Arn { get; set; }

    public required string Name { get; set; }

    public required string ClusterName { get; set; }

    public required string ClusterArn { get; set; }

    /// <summary>ACTIVE, DRAINING or INACTIVE.</summary>
    public string Status { get; set; } = "ACTIVE";

    public required string TaskDefinitionArn { get; set; }

    public int DesiredCount { get; set; }

    public string LaunchType { get; set; } = "FARGATE";

    public string PlatformVersion { get; set; } = "LATEST";

    public DeploymentSettings Deployment { get; set; } = new();

    public List<ServiceLoadBalancer> LoadBalancers { get; set; } = [];

    public int? HealthCheckGracePeriodSeconds { get; set; }

    public JsonObject? NetworkConfiguration { get; set; }

    public string PropagateTags { get; set; } = "NONE";

    public bool EnableEcsManagedTags { get; set; }

    public bool EnableExecuteCommand { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Newest first, as DescribeServices lists them.</summary>
    public List<DeploymentRecord> Deployments { get; set; } = [];

    /// <summary>Newest first; capped like ECS's event list.</summary>
    public List<ServiceEventRecord> Events { get; set; } = [];

    /// <summary>Newest first.</summary>
    public List<ServiceDeploymentRecord> ServiceDeployments { get; set; } = [];

    public List<ServiceRevisionRecord> Revisions { get; set; } = [];

    /// <summary>Load-balancer listener address (host:port) when the service has a load balancer.</summary>
    public string? ListenerAddress { get; set; }

    /// <summary>The test listener's address (host:port) when loadBalancers[0] has a testListenerRule.</summary>
    public string? TestListenerAddress { get; set; }

    /// <summary>
    /// The target group the listener forwards production traffic to (during a traffic shift, blue's until green
    /// has all of it; <see cref="GreenProductionPercent"/> of requests go to <see cref="GreenTargetGroupArn"/>).
    /// </summary>
    public string? ProductionTargetGroupArn { get; set; }

    /// <summary>A traffic shift's green target group from its test traffic shift until green has all production traffic; the test listener routes to it.</summary>
    public string? GreenTargetGroupArn { get; set; }

    /// <summary>Percent of production requests the listener sends to <see cref="GreenTargetGroupArn"/> (below 100; at 100 green becomes the production target group).</summary>
    public double GreenProductionPercent { get; set; }

    /// <summary>Where the test listener routes: green during a traffic shift, else production.</summary>
    public string? TestTargetGroupArn => GreenTargetGroupArn ?? ProductionTargetGroupArn;

    /// <summary>The revision of the last deployment that completed: the circuit breaker rolls back to it.</summary>
    public string? LastCompletedRevisionArn { get; set; }

    /// <summary>When the service last reached a steady state (to avoid repeating the event).</summary>
    public bool SteadyStateReported { get; set; }

    public DeploymentRecord? Primary => Deployments.FirstOrDefault(d => d.Status == "PRIMARY");

    public string Key => EcsState.ServiceKey(ClusterName, Name);
}
