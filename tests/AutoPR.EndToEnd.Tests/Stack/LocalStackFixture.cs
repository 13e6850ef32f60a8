using AutoPR.Deployment.Environments;
using AutoPR.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Stack;

/// <summary>
/// The local stack the tests deploy to, brought up through the build itself: LocalDown (a clean start), LocalUp with
/// LocalEcs's faster time scale, DockerBuild + PushEcr once, then a verified deployment of the current build (the
/// baseline every test returns to). LocalDown at the end. A missing Docker engine or registry fails here, with
/// the build's own message.
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

    public LocalStackFixture()
    {
        Environment = EnvironmentLoader.Load(RepositoryRoot.Combine("deploy", "environments"), "local");
        Status = new LocalStackStatus(Environment.Aws.Endpoints["ecs"]);
    }

    /// <summary>deploy/environments/local.json.</summary>
    public DeploymentEnvironment Environment { get; }

    public Uri Listener => Environment.LoadBalancer.ListenerUrl!;

    public LocalStackStatus Status { get; }

    /// <summary>The git commit the image is built from: what /version must report.</summary>
    public string ExpectedRevision { get; private set; } = "";

    /// <summary>The task definition of the last verified deployment of the current build (the baseline).</summary>
    public string BaselineTaskDefinition { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_logFile)!);
        File.WriteAllText(_logFile, "");
        ExpectedRevision = (await GitAsync("rev-parse", "HEAD")).Trim();

        // A clean start: whatever an earlier run left is stopped (its containers removed; ECS state is kept).
        var down = await RunAsync(null, "LocalDown");
        Require(down.ExitCode == 0, "LocalDown before the tests failed", down);
        var up = await RunAsync(null, "LocalUp", "--local-time-scale", TimeScale);
        Require(up.ExitCode == 0, "LocalUp failed: the tests need a Docker engine and the local registry (see the build's message)", up);
        var pushed = await RunAsync(null, "PushEcr", "--environment", "local");
        Require(pushed.ExitCode == 0, "DockerBuild + PushEcr failed", pushed);

        // After a restart LocalEcs starts the service's tasks again; deploy once they run, not while they start.
        await Status.WaitUntilSettledAsync(Environment.Cluster, Environment.Service, TimeSpan.FromMinutes(3));
        await RestoreBaselineAsync(null);
    }

    public async Task DisposeAsync()
    {
        await RunAsync(null, "LocalDown");
        Status.Dispose();
    }

    /// <summary>The local environment's service as LocalEcs shows it.</summary>
    public async Task<ServiceStatus> ServiceAsync() =>
        await Status.ServiceAsync(Environment.Cluster, Environment.Service)
            ?? throw new InvalidOperationException($"LocalEcs has no service {Environment.Cluster}/{Environment.Service}");

    /// <summary>Runs ./build.sh in the repository (or in <paramref name="root"/>, a <see cref="BuildInputsCopy"/>) to its end.</summary>
    public async Task<BuildRun> RunAsync(ITestOutputHelper? output, params string[] arguments) =>
        await RunAsync(output, new Dictionary<string, string?>(), arguments);

    public async Task<BuildRun> RunAsync(ITestOutputHelper? output, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        using var build = Start(output, environment, arguments);
        return await build.WaitAsync(RunTimeout);
    }

    /// <summary>Starts ./build.sh and returns at once (for runs a test acts on while they go).</summary>
    public BuildProcess Start(ITestOutputHelper? output, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        BuildProcess.Start(RepositoryRoot.Path, arguments, environment, line => Log(output, line));

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
