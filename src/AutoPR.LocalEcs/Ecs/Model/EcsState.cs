namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>The whole ECS view of LocalEcs; persisted to the state directory as one JSON document.</summary>
public sealed class EcsState
{
    /// <summary>Clusters by name.</summary>
    public Dictionary<string, ClusterRecord> Clusters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Task-definition revisions by family, oldest first.</summary>
    public Dictionary<string, List<TaskDefinitionRecord>> TaskDefinitions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Services by "cluster/service".</summary>
    public Dictionary<string, ServiceRecord> Services { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Tasks by task id.</summary>
    public Dictionary<string, TaskRecord> Tasks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Resource tags by ARN.</summary>
    public Dictionary<string, Dictionary<string, string>> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Listener addresses already handed to services, so a restart keeps them.</summary>
    public Dictionary<string, string> Listeners { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Test listener addresses already handed to services (a testListenerRule), so a restart keeps them.</summary>
    public Dictionary<string, string> TestListeners { get; set; } = new(StringComparer.Ordinal);

    public static string ServiceKey(string cluster, string service) => cluster + "/" + service;
}
