using System.CommandLine;
using AutoPR.LocalEcs.Hosting;

namespace AutoPR.LocalEcs.Cli;

/// <summary>
/// `AutoPR.LocalEcs [serve] --port 4566 --state-dir DIR ...` runs the stand-in until SIGTERM/Ctrl+C;
/// `AutoPR.LocalEcs down --state-dir DIR` stops a running instance and removes every container it owns.
/// </summary>
public static class LocalEcsCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var stateDir = new Option<string>("--state-dir") { Description = "Directory for state, parameter store, pid and ready files.", Required = true };
        var dockerHost = new Option<string?>("--docker-host") { Description = "Docker engine endpoint (default: DOCKER_HOST or unix:///var/run/docker.sock)." };

        var port = new Option<int>("--port") { Description = "Port of the AWS API (ECS, ECR, CloudWatch); 0 picks a free one.", DefaultValueFactory = _ => 4566 };
        var apiAddress = new Option<string>("--api-address") { Description = "Loopback address the AWS API binds to.", DefaultValueFactory = _ => "127.0.0.1" };
        var registry = new Option<string>("--registry") { Description = "host:port of the OCI registry behind ECR.", DefaultValueFactory = _ => "127.0.0.1:5000" };
        var listener = new Option<string>("--listener-address") { Description = "host:port of the first service's load-balancer listener.", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var testListener = new Option<string?>("--test-listener-address")
        {
            Description = "host:port of the first test listener (a service whose load balancer has a testListenerRule; it routes to green during a traffic shift); further ones get the next ports. Default: --listener-address's host with its port + 1000.",
        };
        var timeScale = new Option<double>("--time-scale") { Description = "Multiplies grace periods, bake times, lifecycle hook timeouts, draining and health-check intervals (0.1 = ten times faster); not the metrics' minute or --metrics-delay.", DefaultValueFactory = _ => 1.0 };
        var poll = new Option<double>("--poll-interval") { Description = "Seconds between reconciler passes.", DefaultValueFactory = _ => 1.0 };
        var healthPath = new Option<string>("--health-check-path") { Description = "Target health-check path of the load balancer.", DefaultValueFactory = _ => "/health" };
        var healthInterval = new Option<double>("--health-check-interval") { Description = "Seconds between target health checks (before --time-scale).", DefaultValueFactory = _ => 5 };
        var healthy = new Option<int>("--healthy-threshold") { Description = "Consecutive successes that make a target healthy.", DefaultValueFactory = _ => 2 };
        var unhealthy = new Option<int>("--unhealthy-threshold") { Description = "Consecutive failures that make a target unhealthy.", DefaultValueFactory = _ => 2 };
        var deregistration = new Option<double>("--deregistration-delay") { Description = "Seconds a deregistered target drains (before --time-scale).", DefaultValueFactory = _ => 10 };
        var metrics = new Option<string>("--metrics")
        {
            Description = "How GetMetricData answers: aws = like CloudWatch, one-minute datapoints aligned to the clock, each answered --metrics-delay seconds after its minute closes; "
                + "immediate = any period, buckets from StartTime, every request at once. Not scaled by --time-scale (it models CloudWatch, not ECS).",
            DefaultValueFactory = _ => "aws",
        };
        var metricsDelay = new Option<double>("--metrics-delay")
        {
            Description = "Seconds after its period closes before a datapoint is answered, with --metrics aws (AWS: one to three minutes). Not scaled by --time-scale.",
            DefaultValueFactory = _ => 60,
        };
        var logLevel = new Option<string>("--log-level") { Description = "Verbose, Debug, Information, Warning, Error.", DefaultValueFactory = _ => "Information" };

        var serve = new Command("serve", "Run LocalEcs until SIGTERM or Ctrl+C (the default command).");
        var root = new RootCommand("AutoPR.LocalEcs: a local ECS/ECR/CloudWatch stand-in that runs tasks as real containers.");
        foreach (var option in new Option[] { stateDir, dockerHost, port, apiAddress, registry, listener, testListener, timeScale, poll, healthPath, healthInterval, healthy, unhealthy, deregistration, metrics, metricsDelay, logLevel })
        {
            root.Options.Add(option);
            serve.Options.Add(option);
        }

        Task<int> Serve(ParseResult parse, CancellationToken cancellationToken)
        {
            var options = new LocalEcsOptions
            {
                StateDirectory = parse.GetRequiredValue(stateDir),
                DockerHost = parse.GetValue(dockerHost),
                Port = parse.GetValue(port),
                ApiAddress = parse.GetRequiredValue(apiAddress),
                Registry = parse.GetRequiredValue(registry),
                ListenerAddress = parse.GetRequiredValue(listener),
                TestListenerAddress = parse.GetValue(testListener),
                TimeScale = parse.GetValue(timeScale),
                PollInterval = TimeSpan.FromSeconds(parse.GetValue(poll)),
                TargetHealthCheckPath = parse.GetRequiredValue(healthPath),
                TargetHealthCheckInterval = TimeSpan.FromSeconds(parse.GetValue(healthInterval)),
                HealthyThreshold = parse.GetValue(healthy),
                UnhealthyThreshold = parse.GetValue(unhealthy),
                DeregistrationDelay = TimeSpan.FromSeconds(parse.GetValue(deregistration)),
            };
            return ServeCommand.RunAsync(options, parse.GetRequiredValue(logLevel), parse.GetRequiredValue(metrics), parse.GetValue(metricsDelay), cancellationToken);
        }

        root.SetAction(Serve);
        serve.SetAction(Serve);
        root.Subcommands.Add(serve);

        var down = new Command("down", "Stop the LocalEcs running on this state directory and remove every container it owns (on the engine its serve used unless --docker-host says otherwise).");
        down.Options.Add(stateDir);
        down.Options.Add(dockerHost);
        down.SetAction((parse, cancellationToken) => DownCommand.RunAsync(parse.GetRequiredValue(stateDir), parse.GetValue(dockerHost), cancellationToken));
        root.Subcommands.Add(down);

        // SIGTERM cancels the action's token; allow a clean shutdown (listeners, state) before the process is ended.
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
    }
}
