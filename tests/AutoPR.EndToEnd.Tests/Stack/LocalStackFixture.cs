using AutoPR.Deployment.Environments;
using AutoPR.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Stack;

/// <summary>
/// The tests' own local stack, beside whatever else runs on the machine (the main job's stack of this or another
/// checkout is never stopped or changed): a root of its own under .autopr/end-to-end, a copy of the build inputs whose
/// local.json names free ports for the LocalEcs API and listener, so its LocalEcs state, locks and history are its own
/// too. Every build run of a test goes there (--root) unless the test names another root. Brought up through the build
/// itself: DockerBuild in the repository (the image of the current tree), LocalUp with LocalEcs's faster time scale and
/// its AWS-like metrics (published a minute late, as on AWS: the probes judge within seconds), PushEcr, then a verified deployment of the current build (the baseline every test returns to).
/// LocalDown at the end.
/// A missing Docker engine or registry fails here, with the build's own message.
/// </summary>
public sealed class LocalStackFixture : IAsyncLifetime
{
    /// <summary>LocalEcs's time scale: waits (grace periods, drains, health-check intervals, blue/green bake) at half their AWS length.</summary>
    public const string TimeScale = "0.5";

    /// <summary>The bake window of deployments whose verification is not what a test is about.</summary>
    public const string ShortBake = "3s";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(8);
    private readonly string _logFile = RepositoryRoot.Combine("artifacts", "test-results", "end-to-end", "build-runs.log");
    private readonly Lock _logGate = new();
    private BuildInputsCopy? _inputs;
    private LocalStackStatus? _status;
    private DeploymentEnvironment? _environment;

    /// <summary>The stack's root: what every build run of the tests gets as --root.</summary>
    public string Root { get; } = RepositoryRoot.Combine(".autopr", "end-to-end");

    /// <summary>The stack's local.json (the repository's, on ports of its own).</summary>
    public DeploymentEnvironment Environment => _environment ?? throw new InvalidOperationException("The local stack is not up.");

    public Uri Listener => Environment.LoadBalancer.ListenerUrl!;

    public LocalStackStatus Status => _status ?? throw new InvalidOperationException("The local stack is not up.");

    /// <summary>The git commit the image is built from: what /version must report.</summary>
    public string ExpectedRevision { get; private set; } = "";

    /// <summary>The task definition of the last verified deployment of the current build (the baseline).</summary>
    public string BaselineTaskDefinition { get; private set; } = "";

    /// <summary>A scratch copy of this stack's build inputs (another checkout's, as far as the build can tell).</summary>
    public BuildInputsCopy CopyInputs(string purpose) => new(purpose, Root);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_logFile)!);
        File.WriteAllText(_logFile, "");
        ExpectedRevision = (await GitAsync("rev-parse", "HEAD")).Trim();

        // A clean start: a stack an interrupted earlier run left is stopped (its containers removed), then forgotten.
        if (File.Exists(Path.Combine(Root, "deploy", "environments", "local.json")))
        {
            var down = await RunAsync(null, "LocalDown", "--root", Root);
            Require(down.ExitCode == 0, "LocalDown of the stack an earlier run left failed", down);
        }

        _inputs = BuildInputsCopy.Fresh(Root, RepositoryRoot.Path);
        var api = new Uri($"http://127.0.0.1:{FreePorts.FirstFree(14566)}");
        // Two ports: LocalEcs gives a second load-balanced service (the blue/green test's) the next one.
        var listener = new Uri($"http://127.0.0.1:{FreePorts.FirstFree(18080, count: 2)}");
        _inputs.EditEnvironment("local", json =>
        {
            foreach (var service in new[] { "ecs", "ecr", "cloudwatch", "ssm", "logs" })
            {
                json["aws"]!["endpoints"]![service] = api.ToString();
            }

            // Its own PostgreSQL beside the main job's (LocalUp starts it under the stack's root).
            json["database"]!["localPort"] = FreePorts.FirstFree(15433);

            json["loadBalancer"]!["listenerUrl"] = listener.ToString();
            json["healthUrl"] = new Uri(listener, "/health").ToString();

            // LocalUp still makes the alarms, but ECS (LocalEcs) does not act on them here: the tests of bad releases
            // are about the build's own verdict, which an alarm rollback would race. DeploymentAlarmTests turns them on.
            json["deployment"]!["alarms"]!["enable"] = false;
        });
        _environment = EnvironmentLoader.Load(Path.GetDirectoryName(_inputs.EnvironmentFile("local"))!, "local");
        _status = new LocalStackStatus(Environment.Aws.Endpoints["ecs"]);

        // The image is built from the repository's sources; the stack's root has none.
        var built = await RunAsync(null, "DockerBuild", "--root", RepositoryRoot.Path);
        Require(built.ExitCode == 0, "DockerBuild failed", built);
        _inputs.CopyRecords();
        // AWS-like metrics on purpose (the default): what catches a bad release within seconds must be the probes.
        var up = await RunAsync(null, "LocalUp", "--local-time-scale", TimeScale, "--local-metrics", "aws");
        Require(up.ExitCode == 0, "LocalUp failed: the tests need a Docker engine and the local registry (see the build's message)", up);
        var pushed = await RunAsync(null, "PushEcr", "--environment", "local");
        Require(pushed.ExitCode == 0, "PushEcr failed", pushed);

        // The stack starts from empty state: the baseline deployment creates the service.
        await RestoreBaselineAsync(null);
    }

    public async Task DisposeAsync()
    {
        var down = await RunAsync(null, "LocalDown");
        _status?.Dispose();
        if (down.ExitCode == 0)
        {
            // Kept otherwise: the next run stops what is left from its state directory.
            _inputs?.Dispose();
        }
    }

    /// <summary>The stack's own PostgreSQL (LocalUp started it): the URL of the local environment's database.</summary>
    public string DatabaseUrl =>
        new AutoPR.Images.Host.PostgresServer(Path.Combine(Root, ".autopr", "local-stack", "postgres"), Environment.Database!.LocalPort!.Value).ConnectionUrl("autopr_local");

    /// <summary>Points the stack's image and push records at the repository's build again (after a test deployed another image).</summary>
    public void UseRepositoryImage() => _inputs!.CopyRecords();

    /// <summary>The local environment's service as LocalEcs shows it.</summary>
    public async Task<ServiceStatus> ServiceAsync() =>
        await Status.ServiceAsync(Environment.Cluster, Environment.Service)
            ?? throw new InvalidOperationException($"LocalEcs has no service {Environment.Cluster}/{Environment.Service}");

    /// <summary>Runs ./build.sh on the stack's root (or on the --root the arguments name, a <see cref="BuildInputsCopy"/>) to its end.</summary>
    public async Task<BuildRun> RunAsync(ITestOutputHelper? output, params string[] arguments) =>
        await RunAsync(output, new Dictionary<string, string?>(), arguments);

    public async Task<BuildRun> RunAsync(ITestOutputHelper? output, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        using var build = Start(output, environment, arguments);
        return await build.WaitAsync(RunTimeout);
    }

    /// <summary>Starts ./build.sh and returns at once (for runs a test acts on while they go).</summary>
    public BuildProcess Start(ITestOutputHelper? output, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        BuildProcess.Start(RepositoryRoot.Path, OnTheStack(arguments), environment, line => Log(output, line));

    public static TimeSpan Timeout => RunTimeout;

    /// <summary>
    /// Deploys the current build again so the next test starts from a good service, and returns it. The revision
    /// may be a new one with the same content: the deployer reuses only the running or the family's latest revision.
    /// </summary>
    public async Task<ServiceStatus> RestoreBaselineAsync(ITestOutputHelper? output)
    {
        var run = await RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", ShortBake);
        Require(run.ExitCode == 0, "Deploying the current build (the baseline) failed", run);
        var service = await Status.WaitUntilSettledAsync(Environment.Cluster, Environment.Service, TimeSpan.FromMinutes(1));
        BaselineTaskDefinition = service.TaskDefinition;
        return service;
    }

    /// <summary>The service running the current build, settled; deployed again only when it is not.</summary>
    public async Task<ServiceStatus> EnsureBaselineAsync(ITestOutputHelper? output)
    {
        var service = await ServiceAsync();
        return service.TaskDefinition == BaselineTaskDefinition && service.IsSettled ? service : await RestoreBaselineAsync(output);
    }

    /// <summary>
    /// After a test whose release was rolled back to the baseline: waits for the service to settle and deploys the
    /// baseline again only when it is not what runs (a redeploy per failed-release test cost the suite minutes).
    /// </summary>
    public async Task<ServiceStatus> ReturnToBaselineAsync(ITestOutputHelper? output)
    {
        try
        {
            var settled = await Status.WaitUntilSettledAsync(Environment.Cluster, Environment.Service, TimeSpan.FromSeconds(60));
            if (settled?.TaskDefinition == BaselineTaskDefinition)
            {
                return settled;
            }
        }
        catch (InvalidOperationException unsettled)
        {
            output?.WriteLine($"not back on the baseline by itself ({unsettled.Message}); deploying it again");
        }

        return await RestoreBaselineAsync(output);
    }

    /// <summary>
    /// The arguments with --root of the stack's root when they name none, and --skip DockerBuild when they skip
    /// nothing: the root has no sources to build an image from (the fixture built it in the repository).
    /// </summary>
    private string[] OnTheStack(string[] arguments)
    {
        if (arguments.Contains("--root", StringComparer.Ordinal))
        {
            return arguments;
        }

        return arguments.Contains("--skip", StringComparer.Ordinal)
            ? [.. arguments, "--root", Root]
            : [.. arguments, "--root", Root, "--skip", "DockerBuild"];
    }

    private void Log(ITestOutputHelper? output, string line)
    {
        lock (_logGate)
        {
            File.AppendAllText(_logFile, line + "\n");
        }

        try
        {
            output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // A background run can outlive its test's output; the fixture log has the line.
        }
    }

    private static void Require(bool condition, string what, BuildRun run)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{what}.\n{run}");
        }
    }

    private static async Task<string> GitAsync(params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = System.Diagnostics.Process.Start(start)!;
        var text = await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        return git.ExitCode == 0 ? text : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed with exit code {git.ExitCode}");
    }
}
