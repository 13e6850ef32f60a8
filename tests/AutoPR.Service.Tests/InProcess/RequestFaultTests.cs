using System.Net;
using AutoPR.Service.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace AutoPR.Service.Tests.InProcess;

public sealed class RequestFaultTests
{
    private const int Requests = 40;

    [Fact]
    public async Task Error_rate_one_answers_every_work_request_with_500()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_ERROR_RATE"] = "1.0" });
        using var client = factory.CreateClient();

        var statuses = await StatusesAsync(client, "/", Requests);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.InternalServerError, status));
        var body = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/"), HttpStatusCode.InternalServerError);
        Assert.Contains("AUTOPR_FAULT_ERROR_RATE", JsonAssert.String(body, "reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_rate_zero_answers_no_request_with_500()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_ERROR_RATE"] = "0" });
        using var client = factory.CreateClient();

        var statuses = await StatusesAsync(client, "/", Requests);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Error_rate_between_zero_and_one_fails_some_requests_and_serves_others()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_ERROR_RATE"] = "0.5" });
        using var client = factory.CreateClient();

        // 400 draws at p = 0.5: all-equal outcomes have probability 2^-399.
        var statuses = await StatusesAsync(client, "/", 400);

        Assert.Contains(HttpStatusCode.InternalServerError, statuses);
        Assert.Contains(HttpStatusCode.OK, statuses);
    }

    [Fact]
    public async Task Faults_delayed_by_after_seconds_start_only_once_that_time_passed()
    {
        var time = new FakeTimeProvider();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_ERROR_RATE"] = "1", ["AUTOPR_FAULT_AFTER_SECONDS"] = "30" }, time);
        using var client = factory.CreateClient();

        var before = await StatusesAsync(client, "/", Requests);
        time.Advance(TimeSpan.FromSeconds(30));
        var after = await StatusesAsync(client, "/", Requests);

        Assert.All(before, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(after, status => Assert.Equal(HttpStatusCode.InternalServerError, status));
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    [InlineData("/version")]
    public async Task Error_rate_never_touches_health_and_version(string path)
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_ERROR_RATE"] = "1" });
        using var client = factory.CreateClient();

        var statuses = await StatusesAsync(client, path, Requests);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Fault_routes_confine_the_error_rate_to_the_paths_they_name()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_ERROR_RATE"] = "1", ["AUTOPR_FAULT_ROUTES"] = "/" });
        using var client = factory.CreateClient();

        var named = await StatusesAsync(client, "/", Requests);
        var other = await StatusesAsync(client, "/api/instance", Requests);

        Assert.All(named, status => Assert.Equal(HttpStatusCode.InternalServerError, status));
        Assert.All(other, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Without_fault_routes_the_error_rate_acts_on_every_route_not_exempt()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_ERROR_RATE"] = "1" });
        using var client = factory.CreateClient();

        var statuses = await StatusesAsync(client, "/api/instance", Requests);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.InternalServerError, status));
    }

    [Fact]
    public async Task Latency_holds_each_work_request_for_the_configured_time()
    {
        var time = new FakeTimeProvider();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_LATENCY_MS"] = "1500" }, time);
        using var client = factory.CreateClient();

        var request = client.GetAsync("/");
        var waited = await FakeClock.AdvanceUntilCompleteAsync(time, request, TimeSpan.FromMilliseconds(100));

        Assert.Equal(HttpStatusCode.OK, (await request).StatusCode);
        Assert.True(waited >= TimeSpan.FromMilliseconds(1500), $"the request completed after {waited.TotalMilliseconds} ms of fake time");
    }

    [Fact]
    public async Task Latency_is_not_added_to_health_checks()
    {
        var time = new FakeTimeProvider();
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_LATENCY_MS"] = "60000" }, time);
        using var client = factory.CreateClient();

        // The fake clock never moves: a delayed request could not complete.
        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, string path, int count)
    {
        var statuses = new List<HttpStatusCode>(count);
        for (var i = 0; i < count; i++)
        {
            using var response = await client.GetAsync(path);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
