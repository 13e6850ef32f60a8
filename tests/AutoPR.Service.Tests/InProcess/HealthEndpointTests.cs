using System.Net;
using AutoPR.Service.Tests.Support;

namespace AutoPR.Service.Tests.InProcess;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Liveness_answers_healthy_json()
    {
        await using var factory = new ServiceFactory();
        using var client = factory.CreateClient();

        var body = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/health"), HttpStatusCode.OK);

        Assert.Equal("healthy", JsonAssert.String(body, "status"));
    }

    [Fact]
    public async Task Readiness_answers_200_once_started()
    {
        await using var factory = new ServiceFactory();
        using var client = factory.CreateClient();

        var body = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/health/ready"), HttpStatusCode.OK);

        Assert.Equal("ready", JsonAssert.String(body, "status"));
    }

    [Fact]
    public async Task Unhealthy_fault_makes_liveness_and_readiness_answer_503_and_says_why()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_UNHEALTHY"] = "true" });
        using var client = factory.CreateClient();

        var liveness = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/health"), HttpStatusCode.ServiceUnavailable);
        var readiness = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/health/ready"), HttpStatusCode.ServiceUnavailable);

        Assert.Equal("unhealthy", JsonAssert.String(liveness, "status"));
        Assert.Contains("AUTOPR_FAULT_UNHEALTHY", JsonAssert.String(liveness, "reason"), StringComparison.Ordinal);
        Assert.Equal("unhealthy", JsonAssert.String(readiness, "status"));
    }

    [Fact]
    public async Task Unhealthy_fault_leaves_the_work_endpoint_serving()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_UNHEALTHY"] = "true" });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("")]
    public async Task Unhealthy_fault_off_values_keep_the_service_healthy(string value)
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string> { ["AUTOPR_FAULT_UNHEALTHY"] = value });
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
