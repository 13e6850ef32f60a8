using AutoPR.Deployment.Database;
using AutoPR.Deployment.History;

namespace AutoPR.Deployment.Tests.Database;

/// <summary>What a rollback means for the schema, read from history: the decision Rollback (--database) acts on.</summary>
public sealed class SchemaRollbackPlanTests
{
    private const string Release1 = "arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr:1";
    private const string Release2 = "arn:aws:ecs:eu-west-1:123456789012:task-definition/autopr:2";

    [Fact]
    public void An_older_release_that_runs_on_the_newer_schema_needs_no_schema_change()
    {
        var plan = SchemaRollbackPlan.From(History((Release2, new SchemaInfo(2, 1)), (Release1, new SchemaInfo(1, 1))), Release2, Release1);

        Assert.True(plan.GoesDown);
        Assert.True(plan.TargetRunsOnCurrent);
        Assert.Contains("autopr:1 needs schema 1; the database is at schema 2 (autopr:2), which it can run on", plan.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_migration_that_breaks_older_releases_makes_the_older_release_unable_to_run()
    {
        var plan = SchemaRollbackPlan.From(History((Release2, new SchemaInfo(3, 3)), (Release1, new SchemaInfo(2, 1))), Release2, Release1);

        Assert.True(plan.GoesDown);
        Assert.False(plan.TargetRunsOnCurrent);
        Assert.Contains("which it cannot run on (releases from schema 3 can)", plan.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_newest_record_that_states_a_schema_wins_and_a_missing_one_is_unknown()
    {
        var records = History((Release2, null), (Release2, new SchemaInfo(2, 1)), (Release2, new SchemaInfo(1, 1)));

        var known = SchemaRollbackPlan.From(records, Release2, Release2);
        Assert.Equal(new SchemaInfo(2, 1), known.Current);
        Assert.False(known.GoesDown);

        var unknown = SchemaRollbackPlan.From(records, Release2, Release1);
        Assert.True(unknown.Unknown);
        Assert.False(unknown.GoesDown);
        Assert.Contains("the schema autopr:1 needs is not in history", unknown.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2/1", 2, 1)]
    [InlineData("3", 3, 1)]
    [InlineData("1/5", 1, 1)]
    public void History_keeps_a_schema_as_version_and_compatible_from(string text, int version, int from)
    {
        var schema = SchemaInfo.Parse(text);
        Assert.Equal(new SchemaInfo(version, from), schema);
        Assert.Equal(schema, SchemaInfo.Parse(schema!.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two")]
    [InlineData("2/x")]
    [InlineData("1/2/3")]
    public void A_schema_that_is_not_version_slash_version_is_not_read(string text) => Assert.Null(SchemaInfo.Parse(text));

    [Fact]
    public void The_schema_is_read_from_the_migrate_commands_last_line()
    {
        Assert.Equal(new SchemaInfo(2, 1), SchemaMigrator.SchemaIn(["applied 2 up (0.1 s)", "schema version 2 (compatible from 1)"]));
        Assert.Null(SchemaMigrator.SchemaIn(["schema version 2"]));
        Assert.Null(SchemaMigrator.SchemaIn(["migrate: cannot reach the database"]));
    }

    [Fact]
    public void A_records_schema_and_backup_survive_the_tags_history_keeps_on_the_revision()
    {
        var record = History((Release2, new SchemaInfo(2, 1)))[0] with { Backup = "autopr-production-20261206-r2", Reason = "because" };

        var tags = HistoryTagCodec.Encode(record, new Dictionary<string, string>())!;
        var decoded = Assert.Single(HistoryTagCodec.Decode(Release2, tags));

        Assert.Equal(new SchemaInfo(2, 1), decoded.Schema);
        Assert.Equal("autopr-production-20261206-r2", decoded.Backup);
        Assert.Equal("because", decoded.Reason);
    }

    private static List<DeploymentRecord> History(params (string Arn, SchemaInfo? Schema)[] records) =>
        records.Select((r, i) => new DeploymentRecord
        {
            Kind = DeploymentKind.Deploy,
            Environment = "staging",
            TaskDefinitionArn = r.Arn,
            Actor = "alice",
            StartedAt = DateTimeOffset.UnixEpoch.AddHours(100 - i),
            Outcome = DeploymentOutcome.Verified,
            Schema = r.Schema,
        }).ToList();
}
