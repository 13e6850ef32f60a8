using AutoPR.LocalEcs.Metrics;

namespace AutoPR.LocalEcs.Hosting;

/// <summary>Everything LocalEcs needs to know to run; filled from the command line or by tests.</summary>
public sealed class LocalEcsOptions
{
    /// <summary>Address the AWS API (ECS, ECR, CloudWatch) and the admin endpoints listen on.</summary>
    public string ApiAddress { get; set; } = "127.0.0.1";

    /// <summary>Port of the AWS API; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 4566;

    /// <summary>Directory that holds state.json, the parameter store, the pid and ready files.</summary>
    public string StateDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "autopr-localecs");

    /// <summary>host:port of the OCI registry that backs ECR.</summary>
    public string Registry { get; set; } = "127.0.0.1:5000";

    /// <summary>Docker engine endpoint; null means DOCKER_HOST or the default socket.</summary>
    public string? DockerHost { get; set; }

    /// <summary>host:port of the first service load-balancer listener; further services get the next ports.</summary>
    public string ListenerAddress { get; set; } = "127.0.0.1:8080";

    /// <summary>host:port of the first test listener (a service with a testListenerRule); null means <see cref="ListenerAddress"/>'s host with its port + 1000.</summary>
    public string? TestListenerAddress { get; set; }

    public string Region { get; set; } = "us-east-1";

    public string AccountId { get; set; } = "000000000000";

    /// <summary>Multiplies every ECS waiting time (grace periods, bake time, draining, health-check intervals): 0.1 makes a local run ten times faster. CloudWatch's timing (<see cref="Metrics"/>, <see cref="MetricsDelay"/>) is not scaled.</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>How often the reconciler looks at Docker and drives deployments.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Target health check of the load balancer (unscaled; TimeScale applies).</summary>
    public string TargetHealthCheckPath { get; set; } = "/health";

    public TimeSpan TargetHealthCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan TargetHealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public int HealthyThreshold { get; set; } = 2;

    public int UnhealthyThreshold { get; set; } = 2;

    /// <summary>How long a deregistered target keeps serving in-flight requests (unscaled; ALB default is 300 s, local default 10 s).</summary>
    public TimeSpan DeregistrationDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How GetMetricData answers: like CloudWatch (the default) or at once. Not scaled by <see cref="TimeScale"/>: it models CloudWatch, not ECS.</summary>
    public MetricsMode Metrics { get; set; } = MetricsMode.Aws;

    /// <summary>In <see cref="MetricsMode.Aws"/>, how long after its period closes a datapoint becomes visible (AWS: one to three minutes). Not scaled by <see cref="TimeScale"/>.</summary>
    public TimeSpan MetricsDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Scales an AWS duration by <see cref="TimeScale"/>.</summary>
    public TimeSpan Scale(TimeSpan duration) => TimeSpan.FromTicks((long)(duration.Ticks * TimeScale));

    public string EcsEndpointPrefix => $"arn:aws:ecs:{Region}:{AccountId}";
}
