namespace AutoPR.LocalEcs.Ecs.Model;

/// <summary>RunTask's overrides, as the task keeps and DescribeTasks reports them.</summary>
public sealed class TaskOverridesRecord
{
    public List<ContainerOverrideRecord> ContainerOverrides { get; set; } = [];

    public string? Cpu { get; set; }

    public string? Memory { get; set; }
}

/// <summary>One containerOverrides entry: command replaces the definition's, environment adds to and overrides it.</summary>
public sealed class ContainerOverrideRecord
{
    public required string Name { get; set; }

    public List<string>? Command { get; set; }

    public List<KeyValuePair<string, string>> Environment { get; set; } = [];

    public int? Cpu { get; set; }

    public int? Memory { get; set; }
}
