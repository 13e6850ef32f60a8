using AutoPR.Service.Database;
using AutoPR.Service.Database.Migrations;
using AutoPR.Service.Tests.Database.FailingMigrations;

namespace AutoPR.Service.Tests.Database;

public sealed class SchemaInfoTests
{
    [Fact]
    public void This_release_needs_schema_2_and_releases_from_schema_1_can_run_on_it()
    {
        Assert.Equal(new SchemaInfo(2, 1), SchemaInfo.Service);
    }

    [Fact]
    public void Both_migrations_lose_data_going_down_and_neither_breaks_older_releases()
    {
        Assert.Equal([1L, 2L], MigrationSet.Service.Steps.Select(step => step.Version));
        Assert.All(MigrationSet.Service.Steps, step => Assert.True(step.IsDestructiveDown));
        Assert.All(MigrationSet.Service.Steps, step => Assert.False(step.BreaksOlderReleases));
        Assert.Contains("pull_requests.author", MigrationSet.Service.Steps[1].Loses, StringComparison.Ordinal);
        Assert.Equal(typeof(M0002AddPullRequestAuthor).Namespace, MigrationSet.Service.Namespace);
    }

    [Fact]
    public void The_newest_migration_that_breaks_older_releases_is_the_oldest_compatible_schema()
    {
        var set = new MigrationSet(typeof(SchemaInfoTests).Assembly, typeof(BreakingMigrations.AddThing).Namespace!);

        Assert.Equal(new SchemaInfo(3, 2), SchemaInfo.For(set));
        Assert.Equal(new SchemaInfo(2, 1), SchemaInfo.For(FailingMigrationSet.Set));
    }

    [Fact]
    public void A_plan_goes_down_newest_first_then_up_oldest_first_and_marks_only_downs_as_data_loss()
    {
        var down = MigrationPlan.Create(MigrationSet.Service, [1, 2], 0);
        var up = MigrationPlan.Create(MigrationSet.Service, [], 2);

        Assert.Equal([(2L, false), (1L, false)], down.Steps.Select(step => (step.Migration.Version, step.Up)));
        Assert.All(down.Steps, step => Assert.True(step.LosesData));
        Assert.Equal([(1L, true), (2L, true)], up.Steps.Select(step => (step.Migration.Version, step.Up)));
        Assert.All(up.Steps, step => Assert.False(step.LosesData));
        Assert.Empty(MigrationPlan.Create(MigrationSet.Service, [1, 2], 2).Steps);
    }

    [Fact]
    public void A_plan_that_would_undo_a_migration_this_release_does_not_know_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MigrationPlan.Create(MigrationSet.Service, [1, 2, 3], 1));

        Assert.Contains("migration 3", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => MigrationPlan.Create(MigrationSet.Service, [1, 2, 3], 2));
        Assert.Empty(MigrationPlan.Create(MigrationSet.Service, [1, 2, 3], 2, upOnly: true).Steps);
    }

    [Theory]
    [InlineData(new[] { "--to" }, "--to needs a schema version")]
    [InlineData(new[] { "--to", "-1" }, "--to needs a schema version")]
    [InlineData(new[] { "--force" }, "unknown argument --force")]
    public void Unusable_arguments_are_refused_with_the_usage(string[] args, string message)
    {
        Assert.Null(MigrateArguments.Parse(args, out var error));
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Contains(MigrateArguments.Usage, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_parse()
    {
        Assert.Equal(
            new MigrateArguments(0, true, true, TimeSpan.FromSeconds(5)),
            MigrateArguments.Parse(["--to", "0", "--confirm-data-loss", "--plan", "--lock-timeout", "5"], out _));
    }
}
