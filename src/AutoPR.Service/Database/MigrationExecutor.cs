using FluentMigrator.Runner;
using FluentMigrator.Runner.Initialization;

namespace AutoPR.Service.Database;

/// <summary>
/// Runs single steps through FluentMigrator. Each migration runs in its own transaction (TransactionPerSession
/// off) together with its version-table row, and PostgreSQL's DDL is transactional: a step that fails halfway
/// leaves nothing of itself, and the steps before it stay applied. FluentMigrator logs nowhere: migrate prints
/// its own lines, and nothing that could carry the connection string.
/// </summary>
internal sealed class MigrationExecutor : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IServiceScope _scope;
    private readonly MigrationSet _migrations;

    public MigrationExecutor(MigrationSet migrations, string connectionString)
    {
        _migrations = migrations;
        _services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => runner
                .AddPostgres()
                .WithGlobalConnectionString(connectionString)
                .ScanIn(migrations.Assembly).For.Migrations())
            .Configure<TypeFilterOptions>(filter =>
            {
                filter.Namespace = migrations.Namespace;
                filter.NestedNamespaces = false;
            })
            .Configure<RunnerOptions>(options => options.TransactionPerSession = false)
            .BuildServiceProvider(validateScopes: false);
        _scope = _services.CreateScope();
    }

    private IMigrationRunner Runner => _scope.ServiceProvider.GetRequiredService<IMigrationRunner>();

    public void Run(PlannedStep step)
    {
        if (step.Up)
        {
            // Earlier steps of the plan are applied already, so this applies exactly this one.
            Runner.MigrateUp(step.Migration.Version);
            return;
        }

        var below = _migrations.Steps.LastOrDefault(other => other.Version < step.Migration.Version)?.Version ?? 0;
        Runner.MigrateDown(below);
    }

    public void Dispose()
    {
        _scope.Dispose();
        _services.Dispose();
    }
}
