using System.Net;
using System.Net.Http.Json;
using System.Text;
using AutoPR.Service.Revision;
using AutoPR.Service.Tests.Support;

namespace AutoPR.Service.Tests.Database;

[Collection(PostgresCollection.Name)]
public sealed class PullRequestEndpointTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Pull_requests_round_trip_newest_first_with_404_for_a_missing_one_and_409_for_a_duplicate()
    {
        var url = await MigratedDatabaseAsync();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["DATABASE_URL"] = url });
        using var client = factory.CreateClient();

        var created = await JsonAssert.StatusAndBodyAsync(
            await client.PostAsJsonAsync("/api/pull-requests", new { repository = "acme/app", number = 12, title = "Add retries", author = "ada" }),
            HttpStatusCode.Created);
        var second = await JsonAssert.StatusAndBodyAsync(
            await client.PostAsJsonAsync("/api/pull-requests", new { repository = "acme/app", number = 13, title = "Fix typo" }),
            HttpStatusCode.Created);

        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("acme/app", JsonAssert.String(created, "repository"));
        Assert.Equal(12, created.GetProperty("number").GetInt32());
        Assert.Equal("ada", JsonAssert.String(created, "author"));
        Assert.Equal(string.Empty, JsonAssert.String(second, "author"));
        Assert.True(created.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        var found = await JsonAssert.StatusAndBodyAsync(await client.GetAsync($"/api/pull-requests/{id}"), HttpStatusCode.OK);
        Assert.Equal("Add retries", JsonAssert.String(found, "title"));

        var list = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/api/pull-requests?limit=10"), HttpStatusCode.OK);
        Assert.Equal([13, 12], list.EnumerateArray().Select(row => row.GetProperty("number").GetInt32()));
        var limited = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/api/pull-requests?limit=1"), HttpStatusCode.OK);
        Assert.Equal(13, Assert.Single(limited.EnumerateArray()).GetProperty("number").GetInt32());

        var missing = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/api/pull-requests/999999"), HttpStatusCode.NotFound);
        Assert.Equal("no pull request 999999", JsonAssert.String(missing, "error"));

        var duplicate = await JsonAssert.StatusAndBodyAsync(
            await client.PostAsJsonAsync("/api/pull-requests", new { repository = "acme/app", number = 12, title = "Again" }),
            HttpStatusCode.Conflict);
        Assert.Equal("acme/app#12 is stored already", JsonAssert.String(duplicate, "error"));
    }

    [Theory]
    [InlineData("{\"number\": 1, \"title\": \"t\"}", "repository is required")]
    [InlineData("{\"repository\": \"no-slash\", \"number\": 1, \"title\": \"t\"}", "repository is required")]
    [InlineData("{\"repository\": \"a/b\", \"number\": 0, \"title\": \"t\"}", "number is required")]
    [InlineData("{\"repository\": \"a/b\", \"number\": \"one\", \"title\": \"t\"}", "the body must be JSON")]
    [InlineData("{\"repository\": \"a/b\", \"number\": 1, \"title\": \"  \"}", "title is required")]
    [InlineData("not json", "the body must be JSON")]
    [InlineData("null", "the body must be a JSON object")]
    public async Task Bad_input_is_400_with_a_reason(string body, string reason)
    {
        var url = await MigratedDatabaseAsync();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["DATABASE_URL"] = url });
        using var client = factory.CreateClient();

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var answer = await JsonAssert.StatusAndBodyAsync(await client.PostAsync("/api/pull-requests", content), HttpStatusCode.BadRequest);

        Assert.StartsWith(reason, JsonAssert.String(answer, "error"), StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync(url, "select count(*) from pull_requests"));
    }

    [Theory]
    [InlineData("/api/pull-requests?limit=0")]
    [InlineData("/api/pull-requests?limit=101")]
    [InlineData("/api/pull-requests/abc")]
    public async Task Bad_query_or_id_is_400(string path)
    {
        var url = await MigratedDatabaseAsync();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["DATABASE_URL"] = url });
        using var client = factory.CreateClient();

        await JsonAssert.StatusAndBodyAsync(await client.GetAsync(path), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Injected_errors_act_on_the_pull_request_endpoints_and_every_answer_names_the_revision()
    {
        var url = await MigratedDatabaseAsync();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["DATABASE_URL"] = url, ["AUTOPR_FAULT_ERROR_RATE"] = "1" });
        using var client = factory.CreateClient();

        using var answer = await client.GetAsync("/api/pull-requests");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        Assert.True(answer.Headers.Contains(RevisionStamp.HeaderName));
    }

    [Fact]
    public async Task Without_DATABASE_URL_the_endpoints_answer_503_with_the_reason_and_readiness_is_unaffected()
    {
        await using var factory = new ServiceFactory();
        using var client = factory.CreateClient();

        var answer = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/api/pull-requests"), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("no database configured: set DATABASE_URL", JsonAssert.String(answer, "error"));
        Assert.True(answer.GetRawText().Length > 0);
        using var post = await client.PostAsJsonAsync("/api/pull-requests", new { repository = "a/b", number = 1, title = "t" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/health/ready"), HttpStatusCode.OK);
    }

    private async Task<string> MigratedDatabaseAsync()
    {
        var url = await postgres.CreateDatabaseAsync();
        var run = await MigrateRun.RunAsync(url);
        Assert.True(run.Last == "schema version 2", run.Output);
        return url;
    }
}
