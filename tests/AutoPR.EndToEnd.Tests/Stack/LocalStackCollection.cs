namespace AutoPR.EndToEnd.Tests.Stack;

/// <summary>
/// Every end-to-end test: one at a time (they share the local stack's fixed API port and listener), with one
/// local stack brought up for all of them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalStackCollection : ICollectionFixture<LocalStackFixture>
{
    public const string Name = "Local stack";
}
