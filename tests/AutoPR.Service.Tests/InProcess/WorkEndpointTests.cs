using System.Net;
using AutoPR.Service.Tests.Support;

namespace AutoPR.Service.Tests.InProcess;

public sealed class WorkEndpointTests
{
    [Fact]
    public async Task Root_answers_a_json_document_naming_the_service_revision_and_instance()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string>
        {
            ["AUTOPR_REVISION"] = "abc1234",
            ["ENVIRONMENT"] = "dev",
        });
        using var client = factory.CreateClient();

        var first = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/"), HttpStatusCode.OK);
        var second = await JsonAssert.StatusAndBodyAsync(await client.GetAsync("/"), HttpStatusCode.OK);

        Assert.Equal("autopr", JsonAssert.String(first, "service"));
        Assert.Equal("abc1234", JsonAssert.String(first, "revision"));
        Assert.Equal("dev", JsonAssert.String(first, "environment"));
        Assert.Matches("^[0-9a-f]{8}$", JsonAssert.String(first, "instance"));
        Assert.Equal(JsonAssert.String(first, "instance"), JsonAssert.String(second, "instance"));
    }

    [Fact]
    public async Task Separate_service_instances_report_different_instance_ids()
    {
        await using var one = new ServiceFactory();
        await using var two = new ServiceFactory();
        using var clientOne = one.CreateClient();
        using var clientTwo = two.CreateClient();

        var first = await JsonAssert.StatusAndBodyAsync(await clientOne.GetAsync("/"), HttpStatusCode.OK);
        var second = await JsonAssert.StatusAndBodyAsync(await clientTwo.GetAsync("/"), HttpStatusCode.OK);

        Assert.NotEqual(JsonAssert.String(first, "instance"), JsonAssert.String(second, "instance"));
    }

    [Fact]
    public async Task Unknown_paths_answer_404()
    {
        await using var factory = new ServiceFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
