using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AutoPR.EndToEnd.Tests.Stack;
using AutoPR.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace AutoPR.EndToEnd.Tests.Deployments;

/// <summary>
/// The database in the deployment, on the stack's own PostgreSQL: a release with a new migration (built from HEAD
/// plus that migration, as a developer makes one) migrates before its rollout and keeps the rows; Rollback --database
/// takes the schema back with the release (refused without --confirm-data-loss, since the down step drops a column);
/// a migration that fails halfway stops the deployment before any task is replaced while users see no error.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class DatabaseMigrationTests(LocalStackFixture stack, ITestOutputHelper output)
{
    private const string MigrationsFolder = "src/AutoPR.Service/Database/Migrations";

    [Fact]
    public async Task A_release_that_adds_a_column_keeps_the_rows_and_rollback_database_takes_the_schema_back()
    {
        var baseline = await stack.EnsureBaselineAsync(output);
        var database = new StackDatabase(stack.DatabaseUrl);
        var schema = await SchemaVersionAsync();
        var next = schema + 1;
        var repository = $"e2e/rows-{Guid.NewGuid():N}";
        using var http = new HttpClient { BaseAddress = stack.Listener, Timeout = TimeSpan.FromSeconds(10) };
        for (var number = 1; number <= 3; number++)
        {
            using var created = await http.PostAsJsonAsync("/api/pull-requests", new { repository, number, title = $"row {number}" });
            Assert.True(created.IsSuccessStatusCode, $"POST /api/pull-requests answered {(int)created.StatusCode}");
        }

        var variant = await ReleaseVariant.BuildAsync(stack, output, "schema-next", new Dictionary<string, string>
        {
            [$"{MigrationsFolder}/M{next:0000}AddE2eLabel.cs"] = $$"""
                using FluentMigrator;

                namespace AutoPR.Service.Database.Migrations;

                [Migration({{next}}, "add pull_requests.e2e_label")]
                [DestructiveDown("the e2e label of every pull request")]
                public sealed class M{{next:0000}}AddE2eLabel : Migration
                {
                    public override void Up() => Alter.Table("pull_requests").AddColumn("e2e_label").AsString().NotNullable().WithDefaultValue("next");

                    public override void Down() => Delete.Column("e2e_label").FromTable("pull_requests");
                }
                """,
        });
        try
        {
            var deployed = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", LocalStackFixture.ShortBake);
            Assert.True(deployed.ExitCode == 0, deployed.ToString());
            Assert.Contains($"migrate | up {next} add pull_requests.e2e_label", deployed.Output, StringComparison.Ordinal);
            Assert.Contains("backup: pg_dump of autopr_local into ", deployed.Output, StringComparison.Ordinal);
            Assert.Equal(next, await SchemaVersionAsync());
            Assert.Equal(next, await database.VersionAsync());
            Assert.True(await database.ColumnExistsAsync("pull_requests", "e2e_label"));
            Assert.Equal(3, await RowsAsync(http, repository));
            var released = await stack.ServiceAsync();

            // The down step drops a column: refused before anything changes unless the loss is confirmed.
            var refused = await stack.RunAsync(output, "Rollback", "--environment", "local", "--database", "--bake-window", LocalStackFixture.ShortBake);
            Assert.True(refused.ExitCode != 0, refused.ToString());
            Assert.Contains("--confirm-data-loss", refused.FailureOf("Rollback"), StringComparison.Ordinal);
            Assert.Equal(released.TaskDefinition, (await stack.ServiceAsync()).TaskDefinition);
            Assert.True(await database.ColumnExistsAsync("pull_requests", "e2e_label"));

            var rolledBack = await stack.RunAsync(output, "Rollback", "--environment", "local", "--database", "--confirm-data-loss", "--bake-window", LocalStackFixture.ShortBake);
            Assert.True(rolledBack.ExitCode == 0, rolledBack.ToString());
            Assert.Contains($"migrate | down {next}", rolledBack.Output, StringComparison.Ordinal);
            await stack.AssertBackOnAsync(baseline, rolledBack);
            Assert.Equal(schema, await database.VersionAsync());
            Assert.False(await database.ColumnExistsAsync("pull_requests", "e2e_label"));
            Assert.Equal(schema, await SchemaVersionAsync());
            Assert.Equal(3, await RowsAsync(http, repository));
        }
        finally
        {
            stack.UseRepositoryImage();
            variant.Dispose();
            await ForgetAsync(database, schema, "ALTER TABLE pull_requests DROP COLUMN IF EXISTS e2e_label");
        }
    }

    [Fact]
    public async Task A_migration_that_fails_halfway_stops_the_deployment_before_any_task_is_replaced()
    {
        var baseline = await stack.EnsureBaselineAsync(output);
        var database = new StackDatabase(stack.DatabaseUrl);
        var schema = await SchemaVersionAsync();
        var next = schema + 1;
        var variant = await ReleaseVariant.BuildAsync(stack, output, "schema-broken", new Dictionary<string, string>
        {
            [$"{MigrationsFolder}/M{next:0000}FailsHalfway.cs"] = $$"""
                using FluentMigrator;

                namespace AutoPR.Service.Database.Migrations;

                [Migration({{next}}, "create e2e_half_done, then fail")]
                public sealed class M{{next:0000}}FailsHalfway : Migration
                {
                    public override void Up()
                    {
                        Create.Table("e2e_half_done").WithColumn("id").AsInt32();
                        Execute.Sql("SELECT 1 / 0");
                    }

                    public override void Down() => Delete.Table("e2e_half_done");
                }
                """,
        });
        try
        {
            BuildRun run;
            await using (var load = UserLoad.Start(stack.Listener, 20, ("/", 1), ("/api/pull-requests", 1)))
            {
                run = await stack.RunAsync(output, "DeployEcs", "--environment", "local", "--bake-window", LocalStackFixture.ShortBake);
                await Task.Delay(TimeSpan.FromSeconds(2));
                Assert.True(load.Total > 0, "the load generator got no answer at all");
                Assert.True(load.Count("/", status => status is 0 or >= 500) + load.Count("/api/pull-requests", status => status is 0 or >= 500) == 0,
                    $"users saw failures while the migration failed: {load.Describe()}");
            }

            Assert.True(run.ExitCode == 1, run.ToString());
            var failure = run.FailureOf("DeployEcs");
            Assert.Contains("migration failed", failure, StringComparison.Ordinal);
            Assert.Contains("division by zero", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("updated service", run.Output, StringComparison.Ordinal);
            await stack.AssertBackOnAsync(baseline, run);
            Assert.False(await database.TableExistsAsync("e2e_half_done"));
            Assert.Equal(schema, await database.VersionAsync());
        }
        finally
        {
            stack.UseRepositoryImage();
            variant.Dispose();
            await ForgetAsync(database, schema, "DROP TABLE IF EXISTS e2e_half_done");
        }
    }

    [Fact]
    public async Task RunTask_runs_a_one_off_task_shows_its_output_and_exits_with_its_exit_code()
    {
        await stack.EnsureBaselineAsync(output);
        var schema = await SchemaVersionAsync();

        var plan = await stack.RunAsync(output, "RunTask", "--environment", "local", "--command", "migrate --plan");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"run | schema version {schema.ToString(CultureInfo.InvariantCulture)}", plan.Output, StringComparison.Ordinal);
        Assert.Contains("exited 0 after", plan.Output, StringComparison.Ordinal);

        var unknownVersion = await stack.RunAsync(output, "RunTask", "--environment", "local", "--command", "migrate --to 999");
        Assert.True(unknownVersion.ExitCode == 2, unknownVersion.ToString());
        Assert.Contains("exited 2 after", unknownVersion.FailureOf("RunTask"), StringComparison.Ordinal);
        Assert.Contains("there is no schema version 999", unknownVersion.Output, StringComparison.Ordinal);

        var unknownRevision = await stack.RunAsync(output, "RunTask", "--environment", "local", "--revision", "99999", "--command", "migrate --plan");
        Assert.True(unknownRevision.ExitCode == 1, unknownRevision.ToString());
        Assert.Contains("there is no task definition autopr-local:99999", unknownRevision.FailureOf("RunTask"), StringComparison.Ordinal);
    }

    private async Task<int> SchemaVersionAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var version = await http.GetFromJsonAsync<JsonObject>(new Uri(stack.Listener, "/version"));
        return version!["schemaVersion"]!.GetValue<int>();
    }

    private static async Task<int> RowsAsync(HttpClient http, string repository)
    {
        var rows = await http.GetFromJsonAsync<JsonArray>("/api/pull-requests?limit=100");
        return rows!.Count(row => row!["repository"]!.GetValue<string>() == repository);
    }

    /// <summary>A test that failed halfway leaves no migration of its own behind for the next one.</summary>
    private static async Task ForgetAsync(StackDatabase database, int schema, string undo)
    {
        await database.ExecuteAsync(undo);
        await database.ExecuteAsync($"DELETE FROM \"VersionInfo\" WHERE \"Version\" > {schema.ToString(CultureInfo.InvariantCulture)}");
    }
}
