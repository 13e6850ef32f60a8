using System.Net;
using AutoPR.Images.Host;
using AutoPR.Service.Tests.Support;

namespace AutoPR.Service.Tests.Database;

/// <summary>PostgresServer with a cluster of its own, since these tests stop and start it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostgresServerTests
{
    [Fact]
    public async Task It_initializes_then_finds_running_then_starts_after_a_stop_listening_on_loopback_only_with_a_private_password_file()
    {
        var server = PostgresFixture.CreateServer();
        try
        {
            Assert.Equal(PostgresServerOutcome.Initialized, await server.EnsureRunningAsync());
            Assert.Equal(PostgresServerOutcome.FoundRunning, await server.EnsureRunningAsync());

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(server.PasswordFile));
            await server.EnsureDatabaseAsync("lifecycle");
            await server.EnsureDatabaseAsync("lifecycle");
            var url = server.ConnectionUrl("lifecycle");
            Assert.StartsWith("postgres://autopr:", url, StringComparison.Ordinal);
            Assert.EndsWith($"@127.0.0.1:{server.Port}/lifecycle", url, StringComparison.Ordinal);
            Assert.Equal("127.0.0.1", await Sql.ScalarAsync(url, "show listen_addresses"));
            Assert.Equal(server.SocketDirectory, await Sql.ScalarAsync(url, "show unix_socket_directories"));
            Assert.Equal("scram-sha-256", await Sql.ScalarAsync(url, "show password_encryption"));
            await Sql.ExecuteAsync(url, "create table kept (value text); insert into kept values ('still here')");

            await server.StopAsync();
            Assert.False(File.Exists(Path.Combine(server.DataDirectory, "postmaster.pid")));

            Assert.Equal(PostgresServerOutcome.Started, await server.EnsureRunningAsync());
            Assert.Equal("still here", await Sql.ScalarAsync(url, "select value from kept"));
        }
        finally
        {
            await server.DeleteAsync();
        }

        Assert.False(Directory.Exists(server.Directory));
    }

    [Fact]
    public async Task Readiness_turns_503_while_the_database_is_down_and_200_once_it_is_back()
    {
        var server = PostgresFixture.CreateServer();
        try
        {
            await server.EnsureRunningAsync();
            await server.EnsureDatabaseAsync("outage");
            var url = server.ConnectionUrl("outage");
            Assert.Equal("schema version 2", (await MigrateRun.RunAsync(url)).Last);
            await using var factory = new ServiceFactory(new Dictionary<string, string> { ["DATABASE_URL"] = url });
            using var client = factory.CreateClient();
            await ReadinessTests.ReadinessEventuallyAsync(client, HttpStatusCode.OK, null);

            await server.StopAsync();
            await ReadinessTests.ReadinessEventuallyAsync(client, HttpStatusCode.ServiceUnavailable, $"cannot reach the database 127.0.0.1:{server.Port}/outage");
            await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/health"), HttpStatusCode.OK);

            await server.EnsureRunningAsync();
            await ReadinessTests.ReadinessEventuallyAsync(client, HttpStatusCode.OK, null);
        }
        finally
        {
            await server.DeleteAsync();
        }
    }
}
