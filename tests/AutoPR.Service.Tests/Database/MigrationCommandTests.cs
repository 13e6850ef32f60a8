using AutoPR.Service.Hosting;
using AutoPR.Service.Tests.Database.FailingMigrations;
using AutoPR.Service.Tests.Database.SlowMigrations;
using AutoPR.Service.Tests.Support;

namespace AutoPR.Service.Tests.Database;

/// <summary>`migrate` against a real PostgreSQL: each test has an empty database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationCommandTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrate_goes_up_to_the_latest_schema_one_line_per_step_and_a_rerun_has_nothing_to_do()
    {
        var url = await postgres.CreateDatabaseAsync();

        var first = await MigrateRun.RunAsync(url);

        Assert.True(first.ExitCode == ExitCodes.Success, first.Output);
        Assert.Matches(@"^up 1 create pull_requests \(\d+ ms\)$", first.Lines[0]);
        Assert.Matches(@"^up 2 add pull_requests.author \(\d+ ms\)$", first.Lines[1]);
        Assert.Equal("schema version 2", first.Last);
        Assert.True(await Sql.ColumnExistsAsync(url, "pull_requests", "author"));

        var again = await MigrateRun.RunAsync(url);
        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.Equal(["schema version 2: nothing to do"], again.Lines);
    }

    [Fact]
    public async Task Going_down_through_a_destructive_step_is_refused_without_confirmation_and_changes_nothing()
    {
        var url = await postgres.CreateDatabaseAsync();
        Assert.Equal(ExitCodes.Success, (await MigrateRun.RunAsync(url)).ExitCode);

        var refused = await MigrateRun.RunAsync(url, "--to", "1");

        Assert.Equal(ExitCodes.DataLossNotConfirmed, refused.ExitCode);
        var line = Assert.Single(refused.Lines);
        Assert.Contains("migration 2 (add pull_requests.author)", line, StringComparison.Ordinal);
        Assert.Contains("pull_requests.author", line, StringComparison.Ordinal);
        Assert.Contains("--confirm-data-loss", line, StringComparison.Ordinal);
        Assert.True(await Sql.ColumnExistsAsync(url, "pull_requests", "author"));
    }

    [Fact]
    public async Task Down_to_1_keeps_the_rows_without_the_dropped_column_then_0_empties_and_up_again_rebuilds()
    {
        var url = await postgres.CreateDatabaseAsync();
        Assert.Equal(ExitCodes.Success, (await MigrateRun.RunAsync(url)).ExitCode);
        await Sql.ExecuteAsync(url, "insert into pull_requests (repository, number, title, author) values ('acme/app', 7, 'Fix it', 'ada')");

        var toOne = await MigrateRun.RunAsync(url, "--to", "1", "--confirm-data-loss");
        Assert.True(toOne.ExitCode == ExitCodes.Success, toOne.Output);
        Assert.Matches(@"^down 2 add pull_requests.author \(\d+ ms\)$", toOne.Lines[0]);
        Assert.Equal("schema version 1", toOne.Last);
        Assert.False(await Sql.ColumnExistsAsync(url, "pull_requests", "author"));
        Assert.Equal("acme/app#7 Fix it", await Sql.ScalarAsync(url, "select repository || '#' || number || ' ' || title from pull_requests"));

        var backToTwo = await MigrateRun.RunAsync(url);
        Assert.Equal("schema version 2", backToTwo.Last);
        Assert.Equal("acme/app#7 Fix it by ''", await Sql.ScalarAsync(url, "select repository || '#' || number || ' ' || title || ' by ''' || author || '''' from pull_requests"));

        var toZero = await MigrateRun.RunAsync(url, "--to", "0", "--confirm-data-loss");
        Assert.True(toZero.ExitCode == ExitCodes.Success, toZero.Output);
        Assert.Equal(3, toZero.Lines.Count);
        Assert.StartsWith("down 2 ", toZero.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("down 1 ", toZero.Lines[1], StringComparison.Ordinal);
        Assert.Equal("schema version 0", toZero.Last);
        Assert.False(await Sql.TableExistsAsync(url, "pull_requests"));

        var up = await MigrateRun.RunAsync(url);
        Assert.Equal("schema version 2", up.Last);
        Assert.Equal(0L, await Sql.ScalarAsync(url, "select count(*) from pull_requests"));
    }

    [Fact]
    public async Task Plan_prints_the_steps_with_their_data_loss_and_changes_nothing()
    {
        var url = await postgres.CreateDatabaseAsync();

        var plan = await MigrateRun.RunAsync(url, "--plan");

        Assert.Equal(ExitCodes.Success, plan.ExitCode);
        Assert.Equal(
            ["would run up 1 create pull_requests", "would run up 2 add pull_requests.author", "schema version 0: 2 step(s) to 2, nothing changed (--plan)"],
            plan.Lines);
        Assert.False(await Sql.TableExistsAsync(url, "\"VersionInfo\""));

        Assert.Equal(ExitCodes.Success, (await MigrateRun.RunAsync(url)).ExitCode);
        // The plan answers what the run would: a destructive way down is refused without --confirm-data-loss.
        var down = await MigrateRun.RunAsync(url, "--plan", "--to", "0");
        Assert.Equal(ExitCodes.DataLossNotConfirmed, down.ExitCode);
        Assert.StartsWith("would run down 2 add pull_requests.author (destructive: loses ", down.Lines[0], StringComparison.Ordinal);
        Assert.StartsWith("would run down 1 create pull_requests (destructive: loses ", down.Lines[1], StringComparison.Ordinal);
        Assert.StartsWith("refusing to go down through migration 2 (add pull_requests.author)", down.Last, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, (await MigrateRun.RunAsync(url, "--plan", "--to", "0", "--confirm-data-loss")).ExitCode);
        Assert.True(await Sql.ColumnExistsAsync(url, "pull_requests", "author"));
    }

    [Fact]
    public async Task An_unknown_target_version_names_the_known_ones_and_changes_nothing()
    {
        var url = await postgres.CreateDatabaseAsync();

        var run = await MigrateRun.RunAsync(url, "--to", "7");

        Assert.Equal(ExitCodes.InvalidConfiguration, run.ExitCode);
        Assert.Equal(["there is no schema version 7 in this release: it knows 0 (empty), 1 (create pull_requests), 2 (add pull_requests.author)"], run.Lines);
        Assert.False(await Sql.TableExistsAsync(url, "\"VersionInfo\""));
    }

    [Fact]
    public async Task A_step_that_fails_halfway_leaves_nothing_of_itself_and_the_steps_before_it_stay()
    {
        var url = await postgres.CreateDatabaseAsync();

        var run = await MigrateRun.RunAsync(url, FailingMigrationSet.Set);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Matches(@"^up 1 create first_table \(\d+ ms\)$", run.Lines[0]);
        Assert.StartsWith("migration 2 (create half_done then fail) failed going up and was rolled back: ", run.Lines[1], StringComparison.Ordinal);
        Assert.Contains("division by zero", run.Lines[1], StringComparison.Ordinal);
        Assert.Equal("schema version 1", run.Last);
        Assert.True(await Sql.TableExistsAsync(url, "first_table"));
        Assert.False(await Sql.TableExistsAsync(url, "half_done"));
        Assert.Equal(1L, await Sql.ScalarAsync(url, "select max(\"Version\") from \"VersionInfo\""));
    }

    [Fact]
    public async Task Two_runners_at_once_never_migrate_together_the_second_waits_and_both_end_at_the_same_version()
    {
        var url = await postgres.CreateDatabaseAsync();

        var first = MigrateRun.RunAsync(url, SlowMigrationSet.Set);
        await Task.Delay(500);
        var second = MigrateRun.RunAsync(url, SlowMigrationSet.Set);
        var runs = await Task.WhenAll(first, second);

        Assert.All(runs, run => Assert.True(run.ExitCode == ExitCodes.Success, run.Output));
        Assert.All(runs, run => Assert.StartsWith("schema version 1", run.Last, StringComparison.Ordinal));
        Assert.Single(runs, run => run.Lines.Any(line => line.StartsWith("up 1 ", StringComparison.Ordinal)));
        var waited = Assert.Single(runs, run => run.Lines.Contains("waiting for another migration runner..."));
        Assert.Equal("schema version 1: nothing to do", waited.Last);
    }

    [Fact]
    public async Task An_unreachable_database_is_one_line_with_its_own_exit_code_and_no_password()
    {
        const string Password = "Sup3r-s3cret-pw";
        var port = PostgresFixture.FreePort();

        var run = await MigrateRun.RunAsync($"postgres://autopr:{Password}@127.0.0.1:{port}/autopr_local");

        Assert.Equal(ExitCodes.DatabaseUnreachable, run.ExitCode);
        var line = Assert.Single(run.Lines);
        Assert.StartsWith($"cannot reach the database 127.0.0.1:{port}/autopr_local: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_reported_as_unreachable_without_the_password()
    {
        const string Password = "Wr0ng-pa55word";
        var url = await postgres.CreateDatabaseAsync();
        var wrong = new Uri(url);
        var withWrongPassword = $"postgres://{PostgresServerUser}:{Password}@{wrong.Host}:{wrong.Port}{wrong.AbsolutePath}";

        var run = await MigrateRun.RunAsync(withWrongPassword);

        Assert.Equal(ExitCodes.DatabaseUnreachable, run.ExitCode);
        var line = Assert.Single(run.Lines);
        Assert.Contains("password authentication failed", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_DATABASE_URL_migrate_says_so_in_one_line_and_exits_2()
    {
        var run = await MigrateRun.RunAsync(null);

        Assert.Equal(ExitCodes.InvalidConfiguration, run.ExitCode);
        Assert.Equal([$"DATABASE_URL is not set: migrate needs postgres://user:password@host:port/database"], run.Lines);
    }

    private const string PostgresServerUser = AutoPR.Images.Host.PostgresServer.SuperUser;
}
