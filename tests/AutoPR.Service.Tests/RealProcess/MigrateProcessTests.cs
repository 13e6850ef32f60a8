using AutoPR.Service.Tests.Support;

namespace AutoPR.Service.Tests.RealProcess;

/// <summary>`AutoPR.Service migrate` as the one-off task runs it: the built binary, its exit code and stdout.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrateProcessTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrate_without_DATABASE_URL_prints_one_line_and_exits_2()
    {
        await using var process = await ServiceProcess.RunAsync(new Dictionary<string, string>(), "migrate");

        Assert.Equal(2, await process.WaitForExitAsync());
        Assert.Equal(["DATABASE_URL is not set: migrate needs postgres://user:password@host:port/database"], process.Lines);
    }

    [Fact]
    public async Task Migrate_plans_then_migrates_a_real_database_from_the_built_binary()
    {
        var url = await postgres.CreateDatabaseAsync();
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = url };

        await using var plan = await ServiceProcess.RunAsync(environment, "migrate", "--plan");
        Assert.True(await plan.WaitForExitAsync() == 0, plan.Output);
        Assert.Equal("schema version 0: 2 step(s) to 2, nothing changed (--plan)", plan.Lines[^1]);

        await using var migrate = await ServiceProcess.RunAsync(environment, "migrate");
        Assert.True(await migrate.WaitForExitAsync() == 0, migrate.Output);
        Assert.Equal("schema version 2", migrate.Lines[^1]);
        Assert.DoesNotContain(new Uri(url).UserInfo.Split(':')[1], migrate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_refuses_a_malformed_DATABASE_URL_at_startup_without_printing_its_password()
    {
        await using var process = await ServiceProcess.RunAsync(
            new Dictionary<string, string> { ["DATABASE_URL"] = "postgres://autopr:hunter2secret@127.0.0.1:5433/", ["PORT"] = PostgresFixture.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(2, await process.WaitForExitAsync());
        Assert.Contains("DATABASE_URL=", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_running_service_names_its_database_and_reports_it_unreachable_in_readiness_without_the_password()
    {
        const string Password = "hunter2secret";
        var endpoint = FreeLoopbackEndpoint.Allocate();
        var databasePort = PostgresFixture.FreePort();
        await using var service = ServiceProcess.Start(new Dictionary<string, string>
        {
            ["BIND_ADDRESS"] = endpoint.Address,
            ["PORT"] = endpoint.PortText,
            ["DATABASE_URL"] = $"postgres://autopr:{Password}@127.0.0.1:{databasePort}/autopr_local",
        });
        using var client = new HttpClient();

        await service.WaitForOutputAsync($"127.0.0.1:{databasePort}/autopr_local");
        await service.WaitForStatusAsync(client, new Uri(endpoint.BaseUri, "/health"), System.Net.HttpStatusCode.OK);
        using var ready = await client.GetAsync(new Uri(endpoint.BaseUri, "/health/ready"));
        var body = await ready.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains($"cannot reach the database 127.0.0.1:{databasePort}/autopr_local", body, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, service.Output, StringComparison.Ordinal);
    }
}
