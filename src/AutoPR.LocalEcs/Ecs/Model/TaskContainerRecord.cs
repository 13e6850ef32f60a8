namespace AutoPR.LocalEcs.Ecs.Model;

public sealed class TaskContainerRecord
{
    public required string Name { get; set; }

    public required string Image { get; set; }

    public string? ImageDigest { get; set; }

    /// <summary>Docker's image id (sha256 of the image config), the task metadata endpoint's ImageID.</summary>
    public string? ImageId { get; set; }

    /// <summary>Docker container id.</summary>
    public string? RuntimeId { get; set; }

    /// <summary>PENDING, RUNNING or STOPPED.</summary>
    public string LastStatus { get; set; } = "PENDING";

    public int? ExitCode { get; set; }

    public string? Reason { get; set; }

    /// <summary>HEALTHY, UNHEALTHY or UNKNOWN.</summary>
    public string HealthStatus { get; set; } = "UNKNOWN";

    public bool Essential { get; set; } = true;

    public bool HasHealthCheck { get; set; }

    public int? ContainerPort { get; set; }

    public int? Cpu { get; set; }

    public int? Memory { get; set; }

    /// <summary>The definition's stopTimeout: seconds between SIGTERM and SIGKILL when the task stops.</summary>
    public int StopTimeoutSeconds { get; set; } = 30;

    /// <summary>The CloudWatch Logs group and stream its output goes to (logDriver awslogs), or null.</summary>
    public string? LogGroup { get; set; }

    public string? LogStream { get; set; }
}
