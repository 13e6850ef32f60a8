namespace AutoPR.LocalEcs.Tests.Integration;

/// <summary>Container tests run one at a time: they share two cores and one Docker engine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IntegrationCollection
{
    public const string Name = "Docker";
}
