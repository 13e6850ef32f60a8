namespace AutoPR.EndToEnd.Tests.Stack;

/// <summary>
/// Every end-to-end test: one at a time (they share one service on one local stack), with that stack brought up
/// for all of them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalStackCollection : ICollectionFixture<LocalStackFixture>
{
    public const string Name = "Local stack";
}
