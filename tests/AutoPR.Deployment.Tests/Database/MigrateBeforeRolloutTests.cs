using AutoPR.Deployment.Database;
using AutoPR.Deployment.History;
using AutoPR.Deployment.Rollout;
using AutoPR.Deployment.Tasks;
using AutoPR.Deployment.Tests.Fixtures;
using AutoPR.Deployment.Tests.Rollout.Fakes;

namespace AutoPR.Deployment.Tests.Database;

/// <summary>
/// The migrations as a one-off task between registering the revision and moving the service (expand first), on the
/// in-memory ECS: a failure leaves the service untouched, a refusal is a refusal, a task that outlives its timeout is
/// stopped.
/// </summary>
public sealed class MigrateBeforeRolloutTests : IDisposable
{
    private readonly DeploymentTestBed _bed = new("staging");

    [Fact]
    public async Task The_migrations_run_as_a_one_off_task_of_the_new_revision_before_the_service_moves()
    {
        await _bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);

        var result = await _bed.DeployAsync(Request());

        Assert.True(result.Succeeded, result.Summary);
        var task = Assert.Single(_bed.Ecs.OneOffTasks);
        Assert.Equal(["migrate"], task.Command);
        Assert.Equal(result.TaskDefinitionArn, task.TaskDefinition);
        var operations = _bed.Ecs.Operations.ToList();
        Assert.True(operations.IndexOf("RunTask") < operations.IndexOf("UpdateService"), string.Join(", ", operations));
        Assert.True(operations.IndexOf("RegisterTaskDefinition") < operations.IndexOf("RunTask"), string.Join(", ", operations));
    }

    [Fact]
    public async Task A_failed_migration_stops_the_deployment_with_the_service_untouched_and_records_why()
    {
        await _bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        _bed.Ecs.OneOffOutcome = _ => (1, "EssentialContainerExited", "Essential container in task exited");

        var failed = await Assert.ThrowsAsync<DeploymentFailedException>(() => _bed.DeployAsync(Request()));

        Assert.StartsWith("migration failed: one-off task ", failed.Message, StringComparison.Ordinal);
        Assert.Contains("exited 1 after", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("UpdateService", _bed.Ecs.Operations);
        var record = (await _bed.History.ReadAsync(_bed.Family, "staging"))[0];
        Assert.Equal(DeploymentOutcome.Failed, record.Outcome);
        Assert.StartsWith("before the rollout: migration failed", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_that_cannot_start_names_ecs_reason()
    {
        await _bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        _bed.Ecs.OneOffOutcome = _ => (null, "TaskFailedToStart", "ResourceInitializationError: unable to pull secrets or registry auth: parameter /autopr/staging/DATABASE_URL not found");

        var failed = await Assert.ThrowsAsync<DeploymentFailedException>(() => _bed.DeployAsync(Request()));

        Assert.Contains("did not run: TaskFailedToStart: ResourceInitializationError", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("UpdateService", _bed.Ecs.Operations);
    }

    [Fact]
    public async Task A_down_step_that_loses_data_is_a_refusal_that_names_the_flag()
    {
        var arn = await _bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        _bed.Ecs.OneOffOutcome = command => command.Contains("--confirm-data-loss") ? (0, "EssentialContainerExited", "") : (MigrateExitCodes.DataLossRefused, "EssentialContainerExited", "");

        var refused = await Assert.ThrowsAsync<DeploymentRefusedException>(() => _bed.Time.DriveAsync(Migrator().MigrateAsync(arn, 1, confirmDataLoss: false, planOnly: true, progress: null, CancellationToken.None)));
        Assert.Contains("--confirm-data-loss", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["migrate", "--to", "1", "--plan"], _bed.Ecs.OneOffTasks[0].Command);

        var confirmed = await _bed.Time.DriveAsync(Migrator().MigrateAsync(arn, 1, confirmDataLoss: true, planOnly: false, progress: null, CancellationToken.None));
        Assert.True(confirmed.Task.Succeeded);
        Assert.Equal(["migrate", "--to", "1", "--confirm-data-loss"], _bed.Ecs.OneOffTasks[1].Command);
    }

    [Fact]
    public async Task A_task_that_outlives_its_timeout_is_stopped_and_the_run_fails()
    {
        var arn = await _bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        _bed.Ecs.OneOffRunningPolls = int.MaxValue;
        var runner = new OneOffTaskRunner(_bed.Client, _bed.Environment, _bed.Time, logs: null);

        var failed = await Assert.ThrowsAsync<DeploymentFailedException>(() => _bed.Time.DriveAsync(
            runner.RunAsync(new OneOffTask { TaskDefinitionArn = arn, Command = ["sleep"], Purpose = "run", Timeout = TimeSpan.FromSeconds(30) }, null, CancellationToken.None)));

        Assert.Contains("did not finish within 0.5 min and was stopped", failed.Message, StringComparison.Ordinal);
        Assert.Equal("run timed out after 0.5 min", _bed.Ecs.OneOffTasks[0].StoppedBy);
    }

    [Fact]
    public async Task An_unknown_revision_is_refused_before_anything_runs()
    {
        await _bed.SeedVerifiedAsync(DeploymentTestBed.DigestA);
        _bed.Ecs.Fail("DescribeTaskDefinition", new FakeAwsException("ClientException", "Unable to describe task definition."));
        var runner = new OneOffTaskRunner(_bed.Client, _bed.Environment, _bed.Time, logs: null);

        var refused = await Assert.ThrowsAsync<DeploymentRefusedException>(() =>
            runner.RunAsync(new OneOffTask { TaskDefinitionArn = $"{_bed.Family}:99", Command = ["migrate"] }, null, CancellationToken.None));

        Assert.StartsWith($"there is no task definition {_bed.Family}:99 in staging", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_bed.Ecs.OneOffTasks);
    }

    public void Dispose() => _bed.Dispose();

    private SchemaMigrator Migrator() => new(new OneOffTaskRunner(_bed.Client, _bed.Environment, _bed.Time, logs: null), backup: null, TimeSpan.FromMinutes(30));

    private DeployRequest Request() => _bed.Request(DeploymentTestBed.DigestB) with
    {
        BeforeRollout = async (arn, ct) =>
        {
            var migrated = await Migrator().MigrateAsync(arn, toVersion: null, confirmDataLoss: false, planOnly: false, progress: null, ct);
            return new BeforeRolloutNote(migrated.Schema, migrated.Backup);
        },
    };
}
