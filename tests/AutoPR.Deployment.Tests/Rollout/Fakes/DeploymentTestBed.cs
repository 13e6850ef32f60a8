using AutoPR.Deployment.Aws.Protocol;
using AutoPR.Deployment.Ecs;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Metrics;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Templates;
using AutoPR.Deployment.Tests.Fixtures;
using AutoPR.Images;
using Microsoft.Extensions.Time.Testing;

namespace AutoPR.Deployment.Tests.Rollout.Fakes;

/// <summary>The library wired to an in-memory ECS and a fake clock: environments and templates from the repository.</summary>
public sealed class DeploymentTestBed : IDisposable
{
    public const string GitSha = "0123456789abcdef0123456789abcdef01234567";
    public static readonly string DigestA = "sha256:" + new string('a', 64);
    public static readonly string DigestB = "sha256:" + new string('b', 64);

    private readonly AwsJsonClient _core;

    public DeploymentTestBed(string environmentName = "production", Func<DeploymentEnvironment, DeploymentEnvironment>? change = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero));
        Ecs = new FakeEcs(Time);
        _core = new AwsJsonClient(TestConnections.InProcess(Ecs, time: Time));
        Client = new EcsClient(_core);
        CloudWatch = new CloudWatchClient(_core);
        Directory = System.IO.Directory.CreateTempSubdirectory("autopr-rollout-tests-").FullName;
        var environment = RepositoryEnvironments.Load(environmentName);
        Environment = change is null ? environment : change(environment);
        Templates = DeploymentTemplates.Load(DeploymentTemplates.DefaultDirectory(RepositoryPaths.Root));
        History = new DeploymentHistory(Client, Path.Combine(Directory, "history.jsonl"));
        Context = new DeploymentContext(Environment, Client, History, new DeploymentContextOptions { Time = Time, LockDirectory = LockDirectory });
        Deployer = new EcsDeployer(Client, Context, new EcsDeployerOptions
        {
            PollInterval = TimeSpan.FromSeconds(1),
            Timeout = TimeSpan.FromMinutes(5),
        });
    }

    public FakeTimeProvider Time { get; }

    public FakeEcs Ecs { get; }

    public EcsClient Client { get; }

    public CloudWatchClient CloudWatch { get; }

    public string Directory { get; }

    public DeploymentEnvironment Environment { get; }

    public DeploymentTemplates Templates { get; }

    public DeploymentHistory History { get; }

    /// <summary>The environment's clock, lock and history recorder, as the library shares them.</summary>
    public DeploymentContext Context { get; }

    public string LockDirectory => Path.Combine(Directory, "locks");

    public EcsDeployer Deployer { get; }

    public string Family => TemplateValues.Family(Environment);

    public static ReleaseInfo Release(string digest, string gitSha = GitSha, string version = "1.2.3") => new()
    {
        Image = new ImageReference("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "autopr", digest),
        GitSha = gitSha,
        Version = version,
        ImageTag = "main-" + gitSha[..7],
    };

    public RenderedDeployment Render(string digest, string gitSha = GitSha) => Templates.Render(Environment, Release(digest, gitSha));

    public DeployRequest Request(string digest, string gitSha = GitSha, bool confirmed = true, bool dryRun = false) => new()
    {
        Rendered = Render(digest, gitSha),
        Actor = "tester",
        Confirmed = confirmed,
        DryRun = dryRun,
    };

    /// <summary>Deploys, moving the fake clock until it finishes.</summary>
    public Task<DeploymentResult> DeployAsync(DeployRequest request, IProgress<DeploymentEvent>? progress = null, CancellationToken cancellationToken = default) =>
        Time.DriveAsync(Deployer.DeployAsync(request, progress, cancellationToken));

    /// <summary>A service that runs a deployed and verified revision of <paramref name="digest"/> (setup); returns its ARN.</summary>
    public async Task<string> SeedVerifiedAsync(string digest, string gitSha = GitSha)
    {
        var rendered = Render(digest, gitSha);
        var arn = Ecs.Seed(rendered.RegisterTaskDefinitionRequest());
        Ecs.SeedService(rendered.CreateServiceRequest(arn), arn);
        await History.RecordAsync(new DeploymentRecord
        {
            Kind = DeploymentKind.Deploy,
            Environment = Environment.Name,
            TaskDefinitionArn = arn,
            ImageDigest = digest,
            GitSha = gitSha,
            Actor = "seed",
            StartedAt = Time.GetUtcNow().AddMinutes(-10),
            FinishedAt = Time.GetUtcNow().AddMinutes(-5),
            Outcome = DeploymentOutcome.Verified,
        });
        Ecs.ClearCalls();
        return arn;
    }

    public void Dispose()
    {
        _core.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder; the OS cleans it eventually.
        }
    }
}

/// <summary>Collects progress events synchronously (Progress&lt;T&gt; would post them later).</summary>
public sealed class EventLog : IProgress<DeploymentEvent>
{
    private readonly List<DeploymentEvent> _events = [];

    public IReadOnlyList<DeploymentEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IEnumerable<T> Of<T>() where T : DeploymentEvent => Events.OfType<T>();

    public void Report(DeploymentEvent value)
    {
        lock (_events)
        {
            _events.Add(value);
        }
    }
}
