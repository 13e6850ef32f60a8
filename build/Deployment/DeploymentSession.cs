using AutoPR.Deployment.Aws;
using AutoPR.Deployment.Environments;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollback;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Templates;
using AutoPR.Deployment.Verification;
using Microsoft.Extensions.Logging;

namespace AutoPR.BuildDefinition.Deployment;

/// <summary>
/// The deployment library wired for one environment: clients, history (tags plus a local mirror), deployer,
/// verifier and rollback. One per build run and environment.
/// </summary>
internal sealed class DeploymentSession : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private DeploymentSession(DeploymentEnvironment environment, AwsClients clients, string stateDirectory, TimeSpan? timeout, Func<string, ILogger> logger)
    {
        Environment = environment;
        Clients = clients;
        History = new DeploymentHistory(clients.Ecs, Path.Combine(stateDirectory, "history", environment.Name + ".jsonl"), logger("History"));
        Deployer = new EcsDeployer(clients.Ecs, History, new EcsDeployerOptions
        {
            LockDirectory = Path.Combine(stateDirectory, "locks"),
            Timeout = timeout ?? TimeSpan.FromMinutes(30),
            Logger = logger("Deployer"),
        });
        Verifier = new Verifier(clients.Ecs, clients.CloudWatch, _http, History, VerifierOptions.For(environment) with { Logger = logger("Verifier") });
        Rollback = new EcsRollback(clients.Ecs, Deployer, History, Verifier, clients.Ecr, new EcsRollbackOptions());
    }

    public DeploymentEnvironment Environment { get; }

    public AwsClients Clients { get; }

    public DeploymentHistory History { get; }

    public EcsDeployer Deployer { get; }

    public Verifier Verifier { get; }

    public EcsRollback Rollback { get; }

    public string Family => TemplateValues.Family(Environment);

    public static async Task<DeploymentSession> CreateAsync(
        DeploymentEnvironment environment, string stateDirectory, TimeSpan? timeout, Func<string, ILogger> logger, CancellationToken cancellationToken)
    {
        var clients = await AwsClients.CreateAsync(environment, new AwsClientsOptions { Logger = logger("Aws") }, cancellationToken);
        return new DeploymentSession(environment, clients, stateDirectory, timeout, logger);
    }

    public void Dispose()
    {
        _http.Dispose();
        Clients.Dispose();
    }
}
