namespace AutoPR.LocalEcs.State;

/// <summary>The files LocalEcs keeps in its state directory.</summary>
public sealed class StateFiles
{
    public StateFiles(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    /// <summary>The ECS model (clusters, task definitions, services, deployments, tasks).</summary>
    public string EcsState => Path.Combine(Directory, "state.json");

    /// <summary>ECR repository settings the OCI registry cannot hold (immutability, scanning, tags).</summary>
    public string EcrMetadata => Path.Combine(Directory, "ecr.json");

    /// <summary>The SSM parameter store: a JSON object of parameter name to parameter (type, value, version, ...).</summary>
    public string Parameters => Path.Combine(Directory, "parameters.json");

    /// <summary>CloudWatch metric alarms: configuration and state.</summary>
    public string Alarms => Path.Combine(Directory, "alarms.json");

    /// <summary>CloudWatch Logs streams of container output, one JSON-lines file each.</summary>
    public string Logs => Path.Combine(Directory, "logs");

    /// <summary>Identity of this LocalEcs instance; labels every container it starts.</summary>
    public string InstanceId => Path.Combine(Directory, "instance-id");

    /// <summary>The Docker engine the last `serve` used, so `down` finds the containers without being told.</summary>
    public string DockerHostFile => Path.Combine(Directory, "docker-host");

    public string PidFile => Path.Combine(Directory, "localecs.pid");

    /// <summary>Written once the API listens: JSON with pid, endpoint and listener address.</summary>
    public string ReadyFile => Path.Combine(Directory, "localecs.ready");

    public void EnsureDirectory() => System.IO.Directory.CreateDirectory(Directory);

    /// <summary>The instance id, created on first use so that containers survive restarts under the same owner.</summary>
    public string ReadOrCreateInstanceId()
    {
        EnsureDirectory();
        if (File.Exists(InstanceId))
        {
            var existing = File.ReadAllText(InstanceId).Trim();
            if (existing.Length > 0)
            {
                return existing;
            }
        }

        var id = Guid.NewGuid().ToString("N")[..12];
        AtomicFile.WriteAllText(InstanceId, id);
        return id;
    }
}
