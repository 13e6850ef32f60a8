using AutoPR.Images.Push;

namespace AutoPR.Deployment;

/// <summary>How <see cref="Deployments.RunTaskAsync"/> runs a one-off task.</summary>
public sealed record RunTaskOptions
{
    /// <summary>The container's command (the image's entrypoint takes it as arguments), e.g. ["migrate", "--plan"].</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The task-definition revision to run; null: the one the service runs.</summary>
    public int? Revision { get; init; }

    /// <summary>Who or what runs it.</summary>
    public required string Actor { get; init; }

    /// <summary>Whether a person confirmed it (required where the environment requires approval).</summary>
    public bool Confirmed { get; init; }

    /// <summary>How long the task may run before it is stopped.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
}

/// <summary>How <see cref="Deployments.MigrateAsync"/> migrates the database.</summary>
public sealed record MigrateOptions
{
    /// <summary>The image whose migrations run (its revision is registered, or reused); null with no <see cref="Revision"/>: what the service runs.</summary>
    public ImagePushRecord? Image { get; init; }

    /// <summary>The task-definition revision whose migrations run, instead of an image.</summary>
    public int? Revision { get; init; }

    /// <summary>Up or down to this version; null: the image's newest.</summary>
    public int? ToVersion { get; init; }

    /// <summary>Allow down steps that lose data.</summary>
    public bool ConfirmDataLoss { get; init; }

    /// <summary>Who or what migrates.</summary>
    public required string Actor { get; init; }

    /// <summary>Whether a person confirmed it (required where the environment requires approval).</summary>
    public bool Confirmed { get; init; }

    /// <summary>Extra container variables, as DeployEcs would render them (so the revision is the one DeployEcs reuses).</summary>
    public IReadOnlyDictionary<string, string> ExtraEnvironment { get; init; } = new Dictionary<string, string>();
}
