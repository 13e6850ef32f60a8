namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>An immutable snapshot of what a deployment runs (ECS's service revision).</summary>
public sealed record ServiceRevisionRecord(string Arn, string TaskDefinitionArn, DateTimeOffset CreatedAt, IReadOnlyList<ServiceLoadBalancer> LoadBalancers);
