using System.Text.Json.Nodes;
using AutoPR.Build;
using AutoPR.BuildDefinition.LocalStack;
using AutoPR.BuildDefinition.Tools;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.Status;
using Serilog;
using Spectre.Console;

namespace AutoPR.BuildDefinition;

/// <summary>LocalUp, LocalDown, LocalStatus: the local stand-in for ECS, ECR and CloudWatch, on the addresses local.json names.</summary>
internal sealed partial class Build
{
    [Parameter("LocalUp: multiplies LocalEcs's waiting times (grace periods, blue/green bake time, draining, target health-check intervals); 0.2 is five times faster than AWS")]
    public double? LocalTimeScale { get; set; }

    [Parameter("LocalUp: how LocalEcs answers CloudWatch GetMetricData: aws (LocalEcs's default: one-minute datapoints, each 60 s after its minute closes, as on AWS) or immediate (every request at once, for fast feedback); --local-time-scale does not change it",
        AllowedValuesFrom = nameof(LocalMetricsModes))]
    public string? LocalMetrics { get; set; }

    static IEnumerable<string> LocalMetricsModes => ["aws", "immediate"];

    static AbsolutePath LocalStackDirectory => RootDirectory / ".autopr" / "local-stack";

    static AbsolutePath LocalEcsBinaries => LocalStackDirectory / "bin";

    /// <summary>The fingerprint of the sources the running LocalEcs was built from (written when LocalUp starts it).</summary>
    AbsolutePath LocalEcsSourcesFile => AbsolutePath.Create(Path.Combine(LocalEcs.StateDirectory, "localecs.sources"));

    bool LocalEcsBuiltFrom(string fingerprint) =>
        File.Exists(LocalEcsSourcesFile) && File.ReadAllText(LocalEcsSourcesFile).Trim() == fingerprint;

    /// <summary>The local environment: the selected one when it is local, else deploy/environments/local.json.</summary>
    DeploymentEnvironment LocalEnvironment => EnvironmentLoader.Load(EnvironmentsDirectory, IsLocalEnvironment ? Environment! : "local");

    Uri LocalEcsEndpoint => LocalEnvironment.Aws.Endpoints.TryGetValue("ecs", out var endpoint)
        ? endpoint
        : throw new InvalidOperationException("deploy/environments/local.json names no ECS endpoint: set aws.endpoints.ecs.");

    LocalEcsProcess LocalEcs => new(LocalStackDirectory / "state", LocalEcsEndpoint);

    Target LocalUp => _ => _
        .Description("Makes sure a Docker engine and a registry run, then starts LocalEcs in the background at the endpoint local.json names, with the local environment's cluster and CloudWatch alarms (localAlarms).")
        .OnlyWhenStatic(() => Environment == null || IsLocalEnvironment)
        .OnlyWhenStatic(() => !DryRun, "--dry-run leaves the local stack as it is")
        .Executes(async ct =>
        {
            var local = LocalEnvironment;
            var localEcs = LocalEcs;
            var answering = await localEcs.ProbeAsync(ct);
            if (answering is { Answers: true, IsThisCheckouts: false })
            {
                // Using it would deploy into another checkout's stack, and LocalDown here could not stop it.
                throw new InvalidOperationException(answering.Refusal(LocalEcsEndpoint, localEcs.StateDirectory));
            }

            var sources = LocalEcsSources.Find(RootDirectory);
            var fingerprint = LocalEcsSources.Fingerprint(sources);
            if (answering.Answers && !LocalEcsBuiltFrom(fingerprint))
            {
                // Built from older sources, it may lack an API this build calls (LocalUp's alarms, say): replace it the
                // way LocalDown would, so the stack runs what this checkout says; the database stays.
                Log.Warning("LocalEcs at {Endpoint} was built from other sources than this checkout's: restarting it (its tasks stop; the next DeployEcs starts the service again)", LocalEcsEndpoint);
                await DotNet.RunAsync([LocalEcsBinaries / "AutoPR.LocalEcs.dll", "down", "--state-dir", localEcs.StateDirectory], ct);
                answering = await localEcs.ProbeAsync(ct);
            }

            if (answering.Answers)
            {
                await EnsureLocalClusterAsync(local, ct);
                await EnsureLocalDatabaseAsync(local, ct);
                throw new TargetSkippedException($"LocalEcs already runs at {LocalEcsEndpoint}" + (LocalTimeScale is null && LocalMetrics is null ? "" : "; --local-time-scale and --local-metrics apply when LocalUp starts it (LocalDown first)"));
            }

            var docker = await new AutoPR.Images.Engine.DockerEnvironment(
                new() { RegistryAddress = local.Ecr.Registry }, LibraryLogger("Docker")).EnsureAsync(ct);
            await DotNet.RunAsync(["build", sources, "-c", "Release", "-o", LocalEcsBinaries, "-v", "q", "--nologo"], ct);

            var api = LocalEcsEndpoint;
            var listener = local.LoadBalancer.ListenerUrl ?? new Uri("http://127.0.0.1:8080");
            List<string> arguments =
            [
                LocalEcsBinaries / "AutoPR.LocalEcs.dll", "serve",
                "--state-dir", localEcs.StateDirectory,
                "--docker-host", docker.DockerHost.ToString(),
                "--api-address", api.Host, "--port", api.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--registry", local.Ecr.Registry ?? "127.0.0.1:5000",
                "--listener-address", $"{listener.Host}:{listener.Port}",
            ];
            if (local.LoadBalancer.TestListenerUrl is { } testListener)
            {
                arguments.AddRange(["--test-listener-address", $"{testListener.Host}:{testListener.Port}"]);
            }

            if (LocalTimeScale is { } scale)
            {
                arguments.AddRange(["--time-scale", scale.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }

            if (LocalMetrics is { } metrics)
            {
                arguments.AddRange(["--metrics", metrics]);
            }

            await localEcs.StartAsync("dotnet", arguments, TimeSpan.FromSeconds(60), ct);
            await File.WriteAllTextAsync(LocalEcsSourcesFile, fingerprint, ct);
            await EnsureLocalClusterAsync(local, ct);
            await EnsureLocalDatabaseAsync(local, ct);
            Log.Information("LocalEcs runs at {Endpoint} (ECS, ECR, CloudWatch); registry {Registry}; log {Log}", api, local.Ecr.Registry, localEcs.LogFile);
        });

    [Parameter("LocalDown: also delete the local stack's PostgreSQL data (every local database, and its password); without it the data stays for the next LocalUp")]
    public bool DropDatabase { get; set; }

    Target LocalDown => _ => _
        .Description("Stops the LocalEcs that LocalUp started and removes every container it owns, then stops the local PostgreSQL and keeps its data (--drop-database deletes it); the engine and registry stay.")
        .Executes(async ct =>
        {
            var localEcs = LocalEcs;
            var ecsStarted = Directory.Exists(localEcs.StateDirectory) && File.Exists(LocalEcsBinaries / "AutoPR.LocalEcs.dll");
            var postgres = LocalPostgres(LocalEnvironment.Database?.LocalPort ?? 5433);
            var postgresStarted = Directory.Exists(postgres.Directory);
            if (!ecsStarted && !postgresStarted)
            {
                throw new TargetSkippedException("LocalUp has not started anything here");
            }

            if (ecsStarted)
            {
                await DotNet.RunAsync([LocalEcsBinaries / "AutoPR.LocalEcs.dll", "down", "--state-dir", localEcs.StateDirectory], ct);
            }

            if (postgresStarted && DropDatabase)
            {
                await postgres.DeleteAsync(ct);
                Log.Information("Stopped the local PostgreSQL and deleted its data ({Directory})", postgres.Directory);
            }
            else if (postgresStarted)
            {
                await postgres.StopAsync(ct);
                Log.Information("Stopped the local PostgreSQL; its data stays in {Directory} (--drop-database deletes it)", postgres.Directory);
            }
        });

    Target LocalStatus => _ => _
        .Description("Shows the local stack: Status of the local environment (--environment local-*, default local), then what only LocalEcs knows: every service's listener URLs and each task's address and load-balancer target health.")
        .Executes(async ct =>
        {
            var localEcs = LocalEcs;
            if (!await localEcs.IsRunningAsync(ct))
            {
                throw new InvalidOperationException("LocalEcs is not running: start it with ./build.sh LocalUp.");
            }

            // The same ECS API as Status on AWS; a local stack without the service yet still shows its listeners.
            using (var deployments = await OpenDeploymentsAsync(LocalEnvironment, ct))
            {
                var status = await deployments.StatusAsync(ct);
                Console.Out.WriteLine(status.ServiceExists ? EnvironmentStatusFormatter.ToText(status) : status.Summary);
            }

            var local = await localEcs.StatusAsync(ct);
            Console.Out.WriteLine();
            foreach (var service in local["services"]?.AsArray() ?? [])
            {
                var testListener = service!["testListener"] is null ? "" : $", test listener {Text(service, "testListener")}";
                // Plain: a long line must not be wrapped on a narrow or redirected console.
                Console.Out.WriteLine($"{Text(service, "cluster")}/{Text(service, "service")} runs {RevisionLabel(Text(service, "taskDefinition"))}: listener {Text(service, "listener")}{testListener}");
                var tasks = new Table().AddColumns("Task", "Address", "Revision", "Status", "Health", "Target");
                foreach (var task in service["tasks"]?.AsArray() ?? [])
                {
                    tasks.AddRow(
                        Markup.Escape(Text(task, "id")), Markup.Escape(Text(task, "address")), Markup.Escape(RevisionLabel(Text(task, "taskDefinition"))),
                        Markup.Escape(Text(task, "lastStatus")), Markup.Escape(Text(task, "health")), Markup.Escape(Text(task, "target")));
                }

                AnsiConsole.Write(tasks);
            }
        });

    /// <summary>On AWS the cluster is infrastructure made elsewhere; locally LocalUp makes it (CreateCluster is idempotent).</summary>
    async Task EnsureLocalClusterAsync(DeploymentEnvironment local, CancellationToken cancellationToken)
    {
        using var deployments = await OpenDeploymentsAsync(local, cancellationToken);
        await deployments.CreateLocalClusterAsync(cancellationToken);
        await deployments.CreateLocalAlarmsAsync(cancellationToken);
    }

    /// <summary>The local stack's PostgreSQL: one cluster per checkout, its data under .autopr/local-stack/postgres.</summary>
    static AutoPR.Images.Host.PostgresServer LocalPostgres(int port) => new(LocalStackDirectory / "postgres", port, LibraryLogger("PostgreSQL"));

    /// <summary>
    /// A local environment with a database: the local PostgreSQL runs (found, started, or initialized, installed with
    /// apt when missing), the environment's own database exists, and its URL is the environment's secret in LocalEcs's
    /// parameter store, where the tasks' secrets resolve from.
    /// </summary>
    async Task EnsureLocalDatabaseAsync(DeploymentEnvironment local, CancellationToken cancellationToken)
    {
        if (local.Database is not { LocalPort: { } port } database)
        {
            return;
        }

        var postgres = LocalPostgres(port);
        var outcome = await postgres.EnsureRunningAsync(cancellationToken);
        var name = "autopr_" + local.Name.Replace('-', '_');
        await postgres.EnsureDatabaseAsync(name, cancellationToken);
        using var deployments = await OpenDeploymentsAsync(local, cancellationToken);
        await deployments.PutLocalSecretAsync(database.UrlSecret, postgres.ConnectionUrl(name), cancellationToken);
        Log.Information("PostgreSQL {Outcome} on 127.0.0.1:{Port} (data in {Directory}); database {Database}, its URL in the parameter of secrets.{Secret}",
            outcome, port, postgres.DataDirectory, name, database.UrlSecret);
    }

    /// <summary>"autopr-local:4" from a task-definition ARN.</summary>
    static string RevisionLabel(string taskDefinitionArn) => taskDefinitionArn.Split('/').Last();

    static string Text(JsonNode? node, string member) => node?[member]?.ToString() ?? "-";
}
