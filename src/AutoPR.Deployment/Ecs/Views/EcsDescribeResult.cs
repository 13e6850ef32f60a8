namespace AutoPR.Deployment.Ecs.Views;

/// <summary>The items a Describe* call found and the failures it reported, merged over batches.</summary>
public sealed record EcsDescribeResult<T>(IReadOnlyList<T> Items, IReadOnlyList<EcsFailure> Failures);
