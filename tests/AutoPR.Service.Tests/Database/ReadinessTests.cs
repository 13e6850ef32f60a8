using System.Net;
using AutoPR.Service.Tests.Support;

namespace AutoPR.Service.Tests.Database;

/// <summary>/health/ready follows the database; /health (liveness) never does.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadinessTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Readiness_is_503_while_the_schema_is_older_than_this_release_needs_and_200_once_migrated()
    {
        var url = await postgres.CreateDatabaseAsync();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["DATABASE_URL"] = url });
        using var client = factory.CreateClient();

        await ReadinessEventuallyAsync(client, HttpStatusCode.ServiceUnavailable, "database schema 0, this release needs 2: run `AutoPR.Service migrate`");
        await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/health"), HttpStatusCode.OK);

        Assert.Equal("schema version 1", (await MigrateRun.RunAsync(url, "--to", "1")).Last);
        await ReadinessEventuallyAsync(client, HttpStatusCode.ServiceUnavailable, "database schema 1, this release needs 2: run `AutoPR.Service migrate`");

        Assert.Equal("schema version 2", (await MigrateRun.RunAsync(url)).Last);
        await ReadinessEventuallyAsync(client, HttpStatusCode.OK, null);
    }

    [Fact]
    public async Task Readiness_is_503_naming_the_database_but_not_the_password_while_it_is_unreachable_and_liveness_stays_200()
    {
        const string Password = "n0t-in-any-answer";
        var port = PostgresFixture.FreePort();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["DATABASE_URL"] = $"postgres://autopr:{Password}@127.0.0.1:{port}/autopr_local" });
        using var client = factory.CreateClient();

        var body = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/health/ready"), HttpStatusCode.ServiceUnavailable);

        Assert.StartsWith($"cannot reach the database 127.0.0.1:{port}/autopr_local: ", JsonAssert.String(body, "reason"), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, body.GetRawText(), StringComparison.Ordinal);
        await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/health"), HttpStatusCode.OK);
        var api = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/api/pull-requests"), HttpStatusCode.ServiceUnavailable);
        Assert.DoesNotContain(Password, api.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>The verdict is cached for about 1.5 s: poll until it changes.</summary>
    internal static async Task ReadinessEventuallyAsync(HttpClient client, HttpStatusCode expected, string? reason)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var response = await client.GetAsync("/health/ready");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == expected && (reason is null || body.Contains(reason.Replace("`", "\\u0060", StringComparison.Ordinal), StringComparison.Ordinal) || body.Contains(reason, StringComparison.Ordinal)))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"/health/ready did not answer {(int)expected} {reason} within 20 s; last: {(int)response.StatusCode} {body}");
            await Task.Delay(100);
        }
    }
}
